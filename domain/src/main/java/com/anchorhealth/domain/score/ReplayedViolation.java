package com.anchorhealth.domain.score;

import com.anchorhealth.domain.vocabulary.Severity;

import java.time.Instant;
import java.util.Objects;

/**
 * What a {@link Replay} reads of a recorded violation: when it was recorded (its place among the
 * ledger entries kept), when it occurred (whether a rollout phase scoped it in), its recorded
 * severity, and whether it was overturned (then it counts for nothing).
 */
public record ReplayedViolation(Instant recordedAt, Instant occurredAt, Severity severity, boolean overturned) {
    public ReplayedViolation {
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(severity, "severity");
    }
}
