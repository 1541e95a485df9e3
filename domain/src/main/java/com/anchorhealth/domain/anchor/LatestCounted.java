package com.anchorhealth.domain.anchor;

import com.anchorhealth.domain.violation.RecordedViolation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What an overturn needs of the anchor's other violations: among those that count, the latest
 * recording time, the latest occurrence time, and the latest recording time in the overturned
 * violation's live session (empty where none counts, or it had none).
 */
public record LatestCounted(Optional<Instant> recorded, Optional<Instant> occurred,
                            Optional<Instant> recordedInSession) {
    public LatestCounted {
        Objects.requireNonNull(recorded, "recorded");
        Objects.requireNonNull(occurred, "occurred");
        Objects.requireNonNull(recordedInSession, "recordedInSession");
    }

    /** Among {@code violations}, all but {@code overturned}. */
    public static LatestCounted among(RecordedViolation overturned, List<RecordedViolation> violations) {
        return new LatestCounted(latest(counted(overturned, violations).map(RecordedViolation::recordedAt)),
                latest(counted(overturned, violations).map(violation -> violation.report().occurredAt())),
                overturned.report().liveSessionId().flatMap(session -> latest(counted(overturned, violations)
                        .filter(violation -> violation.report().liveSessionId().equals(Optional.of(session)))
                        .map(RecordedViolation::recordedAt))));
    }

    private static Stream<RecordedViolation> counted(RecordedViolation overturned, List<RecordedViolation> violations) {
        return violations.stream().filter(violation -> violation.counts()
                && !violation.violationId().equals(overturned.violationId()));
    }

    private static Optional<Instant> latest(Stream<Instant> times) {
        return times.max(Instant::compareTo);
    }
}
