package com.anchorhealth.domain.violation;

import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Severity;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A violation as stored: its points were fixed when it was recorded, with the policy version used,
 * and {@code ledgerSequence} is the ledger length right after it was recorded.
 */
public record RecordedViolation(
        String violationId,
        String requestId,
        ViolationReport report,
        Severity severity,
        boolean revokesSelling,
        Instant recordedAt,
        int basePoints,
        int surchargePoints,
        int points,
        long policyVersion,
        ViolationState state,
        Optional<String> noDeductionReason,
        int ledgerSequence) {

    public RecordedViolation {
        Objects.requireNonNull(violationId, "violationId");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(noDeductionReason, "noDeductionReason");
    }

    public AnchorId anchorId() {
        return report.anchorId();
    }

    /** The same violation in another state: how it stood at an instant before it was overturned. */
    public RecordedViolation inState(ViolationState other) {
        return new RecordedViolation(violationId, requestId, report, severity, revokesSelling, recordedAt, basePoints,
                surchargePoints, points, policyVersion, other, noDeductionReason, ledgerSequence);
    }

    public boolean counts() {
        return state == ViolationState.ACTIVE;
    }
}
