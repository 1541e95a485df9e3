package com.anchorhealth.domain.vocabulary;

import com.anchorhealth.domain.DomainException;

import java.util.regex.Pattern;

/** The platform's id of an anchor: 1-64 characters of {@code [A-Za-z0-9._-]}. */
public record AnchorId(String value) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public AnchorId {
        if (!isValid(value)) {
            throw new DomainException("anchor_id", "must be 1-64 characters of [A-Za-z0-9._-]");
        }
    }

    public static boolean isValid(String value) {
        return value != null && FORMAT.matcher(value).matches();
    }

    @Override
    public String toString() {
        return value;
    }
}
