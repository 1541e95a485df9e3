package com.anchorhealth.domain.score;

import com.anchorhealth.domain.vocabulary.AnchorId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One entry of an anchor's ledger, numbered from 1 in recorded order. */
public record ScoreEvent(
        AnchorId anchorId,
        int sequence,
        ScoreEventKind kind,
        int delta,
        int scoreAfter,
        Optional<String> violationId,
        Instant recordedAt,
        String actor) {

    public ScoreEvent {
        Objects.requireNonNull(anchorId, "anchorId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(violationId, "violationId");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(actor, "actor");
    }
}
