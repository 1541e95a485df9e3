package com.anchorhealth.domain.score;

import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorProfile;

import java.util.List;

/**
 * What an anchor's score would be had another policy been in force all along: its violations, in
 * recording order, priced and scoped by that policy, and its recovery credits where they fell, folded
 * with clamping from its initial score. The profile is today's (profiles are not versioned), a
 * violation keeps its recorded severity, and an overturned one stays out.
 */
public final class Replay {
    private Replay() {
    }

    /** {@code recoveries} are the anchor's RECOVERY ledger entries, in ledger order. */
    public static int scoreUnder(Policy policy, AnchorProfile profile, List<RecordedViolation> violations,
                                 List<ScoreEvent> recoveries) {
        int ceiling = policy.initialScoreFor(profile.certification());
        int score = ceiling;
        int surcharge = policy.surchargeFor(profile.fanCount(), profile.averageViewers());
        int nextRecovery = 0;
        for (RecordedViolation violation : violations) {
            while (nextRecovery < recoveries.size()
                    && recoveries.get(nextRecovery).recordedAt().isBefore(violation.recordedAt())) {
                score = ScoreFold.clamp(score + recoveries.get(nextRecovery++).delta(), ceiling);
            }
            if (violation.state() == ViolationState.OVERTURNED) {
                continue;
            }
            if (policy.phases().rolloutAt(profile.anchorId(), violation.report().occurredAt()).inScope()) {
                int points = policy.deductions().basePoints(violation.severity(), profile.level()) + surcharge;
                score = ScoreFold.clamp(score - points, ceiling);
            }
        }
        for (ScoreEvent recovery : recoveries.subList(nextRecovery, recoveries.size())) {
            score = ScoreFold.clamp(score + recovery.delta(), ceiling);
        }
        return score;
    }
}
