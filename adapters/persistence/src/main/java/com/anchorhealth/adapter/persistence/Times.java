package com.anchorhealth.adapter.persistence;

import java.time.Instant;

/** Instants are stored as milliseconds since the epoch (the application works in milliseconds). */
final class Times {
    private Times() {
    }

    static Long toMillis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    static Instant fromMillis(Long millis) {
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }
}
