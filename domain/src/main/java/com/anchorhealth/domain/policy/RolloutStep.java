package com.anchorhealth.domain.policy;

import java.time.Instant;
import java.util.Objects;

/** From {@code from} on, {@code percent} of anchors (by a stable hash of their id) are in scope. */
public record RolloutStep(Instant from, int percent) {
    public RolloutStep {
        Objects.requireNonNull(from, "from");
    }
}
