package com.anchorhealth.adapter.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The bearer tokens the server accepts, from the text of a tokens file: one token per line,
 * {@code <sha256 hex of the token> <role> <actor name>}, with blank lines and {@code #} comments
 * ignored. Only hashes are stored, so the file reveals no token.
 */
public final class BearerTokens {
    private static final Pattern FIELDS = Pattern.compile("\\s+");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    /** The actor is recorded with every write (ledger column of 128 characters). */
    private static final Pattern ACTOR_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final BearerTokens NONE = new BearerTokens(List.of());
    /** sha256 of no bytes: listed, it would let {@code authorization: Bearer } in. */
    private static final String EMPTY_TOKEN_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /** Who holds a token: the actor recorded as the author of writes, and the role. */
    public record Holder(byte[] tokenHash, String actor, Role role) {
    }

    private final List<Holder> holders;

    private BearerTokens(List<Holder> holders) {
        this.holders = List.copyOf(holders);
    }

    /** No tokens configured: calls are not authenticated. */
    public static BearerTokens none() {
        return NONE;
    }

    /** Throws IllegalArgumentException naming the first bad line, or when the text holds no token. */
    public static BearerTokens parse(String text) {
        List<Holder> holders = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Holder holder = holder(line, number);
            if (holders.stream().anyMatch(known -> Arrays.equals(known.tokenHash(), holder.tokenHash()))) {
                throw new IllegalArgumentException("line " + number + ": the same token hash is listed twice");
            }
            holders.add(holder);
        }
        if (holders.isEmpty()) {
            throw new IllegalArgumentException("holds no tokens (one line per token: <sha256 hex> <role> <actor>)");
        }
        return new BearerTokens(holders);
    }

    private static Holder holder(String line, int number) {
        String[] fields = FIELDS.split(line);
        if (fields.length != 3) {
            throw new IllegalArgumentException("line " + number + ": expected <sha256 hex of the token> <role> <actor>, got "
                    + fields.length + " fields");
        }
        if (!SHA256_HEX.matcher(fields[0]).matches()) {
            throw new IllegalArgumentException("line " + number + ": the token hash must be 64 hex digits (sha256sum)");
        }
        if (fields[0].equalsIgnoreCase(EMPTY_TOKEN_HASH)) {
            throw new IllegalArgumentException("line " + number + ": that is the hash of the empty token, which "
                    + "anyone could send; hash the token itself (printf '%s' \"$TOKEN\" | sha256sum)");
        }
        Role role = Role.fromLabel(fields[1]).orElseThrow(() -> new IllegalArgumentException("line " + number
                + ": the role must be one of " + Arrays.stream(Role.values()).map(Role::label)
                .collect(Collectors.joining(", ")) + ", not '" + fields[1] + "'"));
        if (!ACTOR_NAME.matcher(fields[2]).matches()) {
            throw new IllegalArgumentException("line " + number + ": the actor name must be 1-64 characters of "
                    + "letters, digits, '.', '_', '@' and '-'");
        }
        return new Holder(HexFormat.of().parseHex(fields[0]), fields[2], role);
    }

    public boolean isEmpty() {
        return holders.isEmpty();
    }

    public int size() {
        return holders.size();
    }

    /**
     * Who holds the token; compares every hash in constant time, so timing tells nothing of them. An
     * empty token is held by nobody.
     */
    public Optional<Holder> holderOf(String token) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        return holderOfHash(sha256(token));
    }

    /**
     * Who holds the token of this SHA-256 hash, compared as {@link #holderOf} does: how a signed-in
     * web session finds its holder on every request, so a token revoked in the file ends its sessions.
     */
    public Optional<Holder> holderOfHash(byte[] hash) {
        Holder found = null;
        for (Holder holder : holders) {
            if (MessageDigest.isEqual(holder.tokenHash(), hash)) {
                found = holder;
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
