package com.anchorhealth.application.write;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A SHA-256 digest of a request's content, to tell a retry from a different call with the same id.
 * Kept with the key for as long as retries are answered, so its parts are plain values spelled by
 * the caller (text, numbers, enum names): a class's {@code toString} would change it with the class.
 */
public final class Fingerprint {
    /** A digest a thread, reused: looking one up among the security providers cost as much as the hash. */
    private static final ThreadLocal<MessageDigest> DIGESTS = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    });

    private Fingerprint() {
    }

    public static String of(Object... parts) {
        MessageDigest digest = DIGESTS.get();
        // A digest left part-way by a part that could not be spelled starts afresh.
        digest.reset();
        for (Object part : parts) {
            byte[] bytes = spelled(part).getBytes(StandardCharsets.UTF_8);
            // Length-prefixed, so that ("ab", "c") and ("a", "bc") differ.
            digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
            digest.update((byte) ':');
            digest.update(bytes);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String spelled(Object part) {
        if (part == null || part instanceof String || part instanceof Integer || part instanceof Long
                || part instanceof Boolean) {
            return String.valueOf(part);
        }
        if (part instanceof Enum<?> constant) {
            return constant.name();
        }
        throw new IllegalArgumentException("a fingerprint's part is text, a number, a boolean or an enum, not "
                + part.getClass().getName());
    }
}
