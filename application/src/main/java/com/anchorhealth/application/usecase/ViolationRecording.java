package com.anchorhealth.application.usecase;

import com.anchorhealth.application.command.RecordViolationCommand;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.port.out.AnchorRecord;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.ViolationType;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What recording one violation does, before anything is written: the checks against the policy in
 * force, the domain's deduction, and the standings before and after. Shared by the single call and
 * the batch, which write the results one by one or many rows at a time.
 */
final class ViolationRecording {
    /** Reporters' clocks drift; a time this little ahead is taken as now-ish, not as a mistake. */
    static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);

    private ViolationRecording() {
    }

    /** The outcome; {@code all} is the anchor's violations including this one, in recording order. */
    record Computed(AnchorScore.ViolationRecorded recorded, List<RecordedViolation> all, Standing before,
                    Standing after, StandingFacts factsAfter) {
        RecordedViolation violation() {
            return recorded.violation();
        }

        AnchorScore scoreAfter() {
            return recorded.after();
        }
    }

    /** Throws {@link InvalidRequestException} for a type not in the catalog or a time in the future. */
    static Computed compute(RecordViolationCommand command, AnchorRecord anchor, List<RecordedViolation> earlier,
                            Policy policy, String violationId, Instant now, String actor) {
        ViolationType type = policy.violationType(command.violationType())
                .orElseThrow(() -> InvalidRequestException.of("violation_type", "unknown violation type "
                        + command.violationType() + "; the catalog of policy " + policy.version() + " has "
                        + String.join(", ", policy.violationTypeCodes())));
        Instant occurredAt = command.occurredAt().orElse(now);
        if (occurredAt.isAfter(now.plus(CLOCK_SKEW_ALLOWANCE))) {
            throw InvalidRequestException.of("occurred_at", "must not be in the future");
        }
        ViolationReport report = new ViolationReport(command.anchorId(), command.violationType(), occurredAt,
                command.liveSessionId(), command.source(), command.evidenceRefs());
        AnchorScore.ViolationRecorded recorded = anchor.score().recordViolation(report, type, anchor.profile(),
                policy, violationId, command.requestId(), now, actor);
        List<RecordedViolation> all = new ArrayList<>(earlier);
        all.add(recorded.violation());
        StandingFacts factsBefore = StandingFacts.of(recorded.before().score(), recorded.before().initialScore(),
                earlier);
        StandingFacts factsAfter = StandingFacts.of(recorded.after().score(), recorded.after().initialScore(), all);
        return new Computed(recorded, all, Standing.evaluate(policy, command.anchorId(), factsBefore, now),
                Standing.evaluate(policy, command.anchorId(), factsAfter, now), factsAfter);
    }
}
