package com.anchorhealth.domain.score;

import java.time.Instant;
import java.util.Objects;

/** A ledger entry of one of the {@link Replay#KEPT_KINDS}, as a replay reads it: when it fell, and by how much. */
public record KeptEntry(Instant recordedAt, int delta) {
    public KeptEntry {
        Objects.requireNonNull(recordedAt, "recordedAt");
    }
}
