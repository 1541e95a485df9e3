package com.anchorhealth.domain.score;

import com.anchorhealth.domain.vocabulary.AnchorId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of an anchor's ledger, numbered from 1 in recorded order. {@code reason} is the one an
 * admin gave for an ADJUSTMENT; the other kinds name their cause by kind and violation.
 */
public record ScoreEvent(
        AnchorId anchorId,
        int sequence,
        ScoreEventKind kind,
        int delta,
        int scoreAfter,
        Optional<String> violationId,
        Optional<String> reason,
        Instant recordedAt,
        String actor) {

    public ScoreEvent {
        Objects.requireNonNull(anchorId, "anchorId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(violationId, "violationId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(actor, "actor");
    }

    /** An entry without a reason of its own: every kind but ADJUSTMENT. */
    public ScoreEvent(AnchorId anchorId, int sequence, ScoreEventKind kind, int delta, int scoreAfter,
                      Optional<String> violationId, Instant recordedAt, String actor) {
        this(anchorId, sequence, kind, delta, scoreAfter, violationId, Optional.empty(), recordedAt, actor);
    }
}
