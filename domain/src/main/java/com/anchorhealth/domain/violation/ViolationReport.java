package com.anchorhealth.domain.violation;

import com.anchorhealth.domain.vocabulary.AnchorId;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a moderation system reports: the content of a violation before the rules price it. */
public record ViolationReport(
        AnchorId anchorId,
        String violationType,
        Instant occurredAt,
        Optional<String> liveSessionId,
        String source,
        List<String> evidenceRefs) {

    public ViolationReport {
        Objects.requireNonNull(anchorId, "anchorId");
        Objects.requireNonNull(violationType, "violationType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(liveSessionId, "liveSessionId");
        Objects.requireNonNull(source, "source");
        evidenceRefs = List.copyOf(evidenceRefs);
    }
}
