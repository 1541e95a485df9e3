package com.anchorhealth.application.violation;

import com.anchorhealth.application.error.FieldChecks;
import com.anchorhealth.application.write.Fingerprint;
import com.anchorhealth.application.write.ReportedTimes;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Record one violation. Valid by construction, except what needs the policy or the clock (a known
 * type, a time not in the future), which the use case checks.
 */
public record RecordViolationCommand(
        String requestId,
        AnchorId anchorId,
        String violationType,
        Optional<Instant> occurredAt,
        Optional<String> liveSessionId,
        String source,
        List<String> evidenceRefs) {

    public static final int MAX_SOURCE_LENGTH = 128;
    public static final int MAX_SESSION_ID_LENGTH = 128;
    public static final int MAX_EVIDENCE_REFS = 20;
    public static final int MAX_EVIDENCE_REF_LENGTH = 512;
    private static final Pattern TYPE_CODE = Pattern.compile("[A-Z0-9_]{1,64}");

    public RecordViolationCommand {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(liveSessionId, "liveSessionId");
        evidenceRefs = List.copyOf(evidenceRefs);
    }

    /** Validates raw request values; field names are the API's. */
    public static RecordViolationCommand of(
            String requestId,
            String anchorId,
            String violationType,
            Optional<Instant> occurredAt,
            String liveSessionId,
            String source,
            List<String> evidenceRefs) {
        FieldChecks checks = new FieldChecks().requestId(requestId, "request_id");
        AnchorId id = checks.build("", () -> new AnchorId(anchorId));
        checks.check(violationType != null && TYPE_CODE.matcher(violationType).matches(), "violation_type",
                "must be a catalog code: 1-64 characters of [A-Z0-9_]");
        checks.check(occurredAt.map(at -> !at.isBefore(ReportedTimes.EARLIEST_OCCURRENCE)).orElse(true), "occurred_at",
                "must not be before " + ReportedTimes.EARLIEST_OCCURRENCE);
        boolean hasSession = liveSessionId != null && !liveSessionId.isEmpty();
        checks.check(!hasSession || FieldChecks.isPrintable(liveSessionId, MAX_SESSION_ID_LENGTH), "live_session_id",
                "must be at most " + MAX_SESSION_ID_LENGTH + " printable ASCII characters");
        checks.check(FieldChecks.isPrintable(source, MAX_SOURCE_LENGTH), "source",
                "must be 1-" + MAX_SOURCE_LENGTH + " printable ASCII characters");
        checks.check(evidenceRefs.size() <= MAX_EVIDENCE_REFS, "evidence_refs",
                "at most " + MAX_EVIDENCE_REFS + " references");
        for (int i = 0; i < evidenceRefs.size(); i++) {
            checks.check(FieldChecks.isText(evidenceRefs.get(i), MAX_EVIDENCE_REF_LENGTH), "evidence_refs[" + i + "]",
                    "must be 1-" + MAX_EVIDENCE_REF_LENGTH + " characters with no control characters");
        }
        checks.throwIfAny();
        return new RecordViolationCommand(requestId, id, violationType,
                occurredAt.map(at -> at.truncatedTo(ChronoUnit.MILLIS)),
                hasSession ? Optional.of(liveSessionId) : Optional.empty(), source, evidenceRefs);
    }

    /** What makes two calls with one request id the same call (an unset time is part of it). */
    public String fingerprint() {
        return Fingerprint.of("RecordViolation", anchorId.value(), violationType,
                occurredAt.map(Instant::toString).orElse("now"), liveSessionId.orElse(""), source,
                String.join("\n", evidenceRefs));
    }
}
