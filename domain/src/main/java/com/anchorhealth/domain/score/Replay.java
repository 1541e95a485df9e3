package com.anchorhealth.domain.score;

import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Severity;

import java.util.EnumSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What an anchor's score would be had another policy been in force all along: its violations, in
 * recording order, priced and scoped by that policy, and its recovery credits and manual adjustments
 * where they fell, folded with clamping from its initial score. The profile is today's (profiles are
 * not versioned), a violation keeps its recorded severity, and an overturned one stays out.
 */
public final class Replay {
    /**
     * The ledger entries a replay keeps as recorded, where they fell: no policy prices them.
     * Deductions are priced again, and restorations follow from the overturned violations.
     */
    public static final Set<ScoreEventKind> KEPT_KINDS = Set.copyOf(EnumSet.of(ScoreEventKind.RECOVERY,
            ScoreEventKind.ADJUSTMENT));
    private static final Severity[] SEVERITIES = Severity.values();

    private Replay() {
    }

    /** {@code kept} are the anchor's ledger entries of the {@link #KEPT_KINDS}, in ledger order. */
    public static int scoreUnder(Policy policy, AnchorProfile profile, List<ReplayedViolation> violations,
                                 List<KeptEntry> kept) {
        int ceiling = policy.initialScoreFor(profile.certification());
        int score = ceiling;
        int surcharge = policy.surchargeFor(profile.fanCount(), profile.averageViewers());
        int nextKept = 0;
        for (ReplayedViolation violation : violations) {
            while (nextKept < kept.size() && kept.get(nextKept).recordedAt().isBefore(violation.recordedAt())) {
                score = ScoreFold.clamp(score + kept.get(nextKept++).delta(), ceiling);
            }
            if (violation.overturned()) {
                continue;
            }
            if (policy.phases().rolloutAt(profile.anchorId(), violation.occurredAt()).inScope()) {
                int points = price(policy, profile, violation.severity(), surcharge);
                score = ScoreFold.clamp(score - points, ceiling);
            }
        }
        for (KeptEntry entry : kept.subList(nextKept, kept.size())) {
            score = ScoreFold.clamp(score + entry.delta(), ceiling);
        }
        return score;
    }

    /**
     * What {@link #scoreUnder} answers for the violations so counted, where the counts decide it; empty
     * where they do not. They do when the anchor has no kept entries, and it is in the policy's scope from
     * the instant none of its counted violations occurred before: then every counted violation costs its
     * severity's points at the anchor's level plus the anchor's audience surcharge, each of today's
     * profile, and when no such price is negative the fold from the ceiling can only clamp at 0, in
     * whatever order the violations came.
     */
    public static OptionalInt scoreFromCounts(Policy policy, AnchorProfile profile, ViolationCounts counts,
                                              List<KeptEntry> kept) {
        if (!kept.isEmpty()
                || counts.total() > 0 && !policy.phases().inScopeFrom(profile.anchorId(), counts.occurredFrom())) {
            return OptionalInt.empty();
        }
        int surcharge = policy.surchargeFor(profile.fanCount(), profile.averageViewers());
        long points = 0;
        for (Severity severity : SEVERITIES) {
            int count = counts.of(severity);
            if (count > 0) {
                int price = price(policy, profile, severity, surcharge);
                if (price < 0) {
                    return OptionalInt.empty();
                }
                points += (long) count * price;
            }
        }
        return OptionalInt.of((int) Math.max(0, policy.initialScoreFor(profile.certification()) - points));
    }

    /**
     * A violation's points under {@code policy}: its severity's at the anchor's level plus the audience
     * surcharge, one rule for the replay and for the counts, which must agree.
     */
    private static int price(Policy policy, AnchorProfile profile, Severity severity, int surcharge) {
        return policy.deductions().basePoints(severity, profile.level()) + surcharge;
    }
}
