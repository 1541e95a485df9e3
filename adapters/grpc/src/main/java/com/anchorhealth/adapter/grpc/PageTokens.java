package com.anchorhealth.adapter.grpc;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.port.out.Page;
import com.anchorhealth.application.port.out.PageRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Opaque page tokens: the key to continue after, bound to the query it came from (parent and
 * filter), so that a token replayed against another query is refused rather than misread.
 */
final class PageTokens {
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 1000;
    private static final String VERSION = "v1";

    private PageTokens() {
    }

    /** The page a list request asks for; {@code query} identifies everything but the paging. */
    static PageRequest pageRequest(int pageSize, String pageToken, String query) {
        if (pageSize < 0) {
            throw InvalidRequestException.of("page_size", "must not be negative (0 means " + DEFAULT_PAGE_SIZE + ")");
        }
        // AIP-158: a size above the maximum is lowered to it, not refused.
        int size = pageSize == 0 ? DEFAULT_PAGE_SIZE : Math.min(pageSize, MAX_PAGE_SIZE);
        return new PageRequest(size, pageToken.isEmpty() ? Optional.empty() : Optional.of(decode(pageToken, query)));
    }

    static String nextToken(Page<?> page, String query) {
        return page.nextAfter().map(after -> encode(after, query)).orElse("");
    }

    private static String encode(String after, String query) {
        String payload = VERSION + "\n" + Integer.toHexString(query.hashCode()) + "\n" + after;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String token, String query) {
        String payload;
        try {
            payload = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
        String[] parts = payload.split("\n", 3);
        if (parts.length != 3 || !parts[0].equals(VERSION) || parts[2].isEmpty()) {
            throw invalid();
        }
        if (!parts[1].equals(Integer.toHexString(query.hashCode()))) {
            throw InvalidRequestException.of("page_token", "belongs to a different query (parent or filter)");
        }
        return parts[2];
    }

    private static InvalidRequestException invalid() {
        return InvalidRequestException.of("page_token", "is not a token this service issued");
    }
}
