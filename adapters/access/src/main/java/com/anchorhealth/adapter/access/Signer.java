package com.anchorhealth.adapter.access;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 under a key the server instances on one store share, so that what one instance hands a
 * caller (a page token, a session cookie) another accepts, and nobody else can forge it.
 */
public final class Signer {
    /** Bytes of a signature. */
    public static final int SIGNATURE_BYTES = 32;
    private static final int MIN_KEY_BYTES = 32;
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;

    /** {@code key}: at least 32 random bytes; {@code use} names what it signs, for the refusal. */
    public Signer(byte[] key, String use) {
        if (key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("a " + use + " key needs at least " + MIN_KEY_BYTES + " bytes");
        }
        this.key = new SecretKeySpec(key.clone(), HMAC);
    }

    public byte[] sign(byte[] bytes) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every Java platform has " + HMAC, e);
        }
    }

    /** Compared in constant time. */
    public boolean signed(byte[] bytes, byte[] signature) {
        return MessageDigest.isEqual(sign(bytes), signature);
    }
}
