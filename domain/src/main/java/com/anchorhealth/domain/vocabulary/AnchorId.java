package com.anchorhealth.domain.vocabulary;

import com.anchorhealth.domain.DomainException;

/** The platform's id of an anchor: 1-64 characters of {@code [A-Za-z0-9._-]}. */
public record AnchorId(String value) {
    public static final int MAX_LENGTH = 64;

    public AnchorId {
        if (!isValid(value)) {
            throw new DomainException("anchor_id", "must be 1-64 characters of [A-Za-z0-9._-]");
        }
    }

    /** Checked character by character: every capability check checks an id, and a matcher is an object. */
    public static boolean isValid(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isIdCharacter(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether these UTF-8 bytes are a valid id's: its characters are ASCII, each its own byte, so that
     * a byte of a longer character (negative) is refused as the character would be.
     */
    public static boolean isValid(byte[] utf8) {
        if (utf8.length == 0 || utf8.length > MAX_LENGTH) {
            return false;
        }
        for (byte b : utf8) {
            if (!isIdCharacter(b)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdCharacter(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_'
                || c == '-';
    }

    @Override
    public String toString() {
        return value;
    }
}
