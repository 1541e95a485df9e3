package com.anchorhealth.adapter.grpc;

import com.anchorhealth.adapter.access.Signer;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.MessageLite;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Opaque page tokens: the key to continue after, bound to the query it came from (parent and
 * filter) by a SHA-256 digest, and signed with an HMAC under a key the server instances share, so
 * that a token replayed against another query is refused rather than misread, and a token a caller
 * made up or altered is refused before anything in it is read.
 */
public final class PageTokens {
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 1000;
    /** Far above any token issued (a key of at most 128 characters), far below what costs anything to refuse. */
    static final int MAX_TOKEN_LENGTH = 512;
    private static final byte VERSION = 2;
    private static final int QUERY_DIGEST_BYTES = 16;

    private final Signer signer;

    /** {@code key}: at least 32 random bytes, the same on every instance serving the same store. */
    public PageTokens(byte[] key) {
        this.signer = new Signer(key, "page token");
    }

    /** The page a list request asks for; {@code query} identifies everything but the paging. */
    PageRequest pageRequest(int pageSize, String pageToken, String query) {
        if (pageSize < 0) {
            throw InvalidRequestException.of("page_size", "must not be negative (0 means " + DEFAULT_PAGE_SIZE + ")");
        }
        // AIP-158: a size above the maximum is lowered to it, not refused.
        int size = pageSize == 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
        return new PageRequest(size, pageToken.isEmpty() ? Optional.empty() : Optional.of(decode(pageToken, query)));
    }

    /**
     * The page's items as messages, as many as fit in {@code maxBytes} (at least one), continuing
     * after the last one kept: a page is bounded by its size on the wire as well as by its count.
     */
    static <T, M extends MessageLite> Page<M> withinBytes(Page<T> page, Function<T, M> toMessage,
                                                          Function<T, String> keyOf, int maxBytes) {
        List<M> messages = new ArrayList<>();
        int bytes = 0;
        for (T item : page.items()) {
            M message = toMessage.apply(item);
            bytes += CodedOutputStream.computeMessageSizeNoTag(message) + 1;
            if (bytes > maxBytes && !messages.isEmpty()) {
                return new Page<>(messages, Optional.of(keyOf.apply(page.items().get(messages.size() - 1))));
            }
            messages.add(message);
        }
        return new Page<>(messages, page.nextAfter());
    }

    String nextToken(Page<?> page, String query) {
        return page.nextAfter().map(after -> encode(after, query)).orElse("");
    }

    /** version, digest of the query, the key to continue after, then the HMAC of all of them. */
    private String encode(String after, String query) {
        byte[] afterBytes = after.getBytes(StandardCharsets.UTF_8);
        ByteBuffer signed = ByteBuffer.allocate(1 + QUERY_DIGEST_BYTES + afterBytes.length);
        signed.put(VERSION).put(queryDigest(query)).put(afterBytes);
        ByteBuffer token = ByteBuffer.allocate(signed.capacity() + Signer.SIGNATURE_BYTES);
        token.put(signed.array()).put(signer.sign(signed.array()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(token.array());
    }

    private String decode(String token, String query) {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw invalid();
        }
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        int signedLength = bytes.length - Signer.SIGNATURE_BYTES;
        if (signedLength <= 1 + QUERY_DIGEST_BYTES || bytes[0] != VERSION) {
            throw invalid();
        }
        byte[] signed = Arrays.copyOf(bytes, signedLength);
        if (!signer.signed(signed, Arrays.copyOfRange(bytes, signedLength, bytes.length))) {
            throw invalid();
        }
        if (!Arrays.equals(queryDigest(query), Arrays.copyOfRange(signed, 1, 1 + QUERY_DIGEST_BYTES))) {
            throw InvalidRequestException.of("page_token", "belongs to a different query (parent or filter)");
        }
        return new String(signed, 1 + QUERY_DIGEST_BYTES, signedLength - 1 - QUERY_DIGEST_BYTES, StandardCharsets.UTF_8);
    }

    private static byte[] queryDigest(String query) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(query.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, QUERY_DIGEST_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }


    private static InvalidRequestException invalid() {
        return InvalidRequestException.of("page_token", "is not a token this service issued");
    }
}
