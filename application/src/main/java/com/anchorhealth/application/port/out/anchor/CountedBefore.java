package com.anchorhealth.application.port.out.anchor;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** What the counted violations up to a point say beyond the score: the latest occurrence, and selling. */
public record CountedBefore(Optional<Instant> lastOccurredAt, boolean sellingRevoked) {
    public CountedBefore {
        Objects.requireNonNull(lastOccurredAt, "lastOccurredAt");
    }
}
