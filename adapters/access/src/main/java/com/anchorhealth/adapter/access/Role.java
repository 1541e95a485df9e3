package com.anchorhealth.adapter.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a bearer token may do. Every role may read; ingest and back office each add their own writes;
 * admin may call everything.
 */
public enum Role {
    READER,
    INGEST,
    BACKOFFICE,
    ADMIN;

    /** Whether a caller in this role may call a method that requires {@code required}. */
    public boolean covers(Role required) {
        return this == ADMIN || required == READER || required == this;
    }

    /** The name in the tokens file and in messages: {@code reader}, {@code ingest}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromLabel(String label) {
        return Arrays.stream(values()).filter(role -> role.label().equals(label)).findFirst();
    }
}
