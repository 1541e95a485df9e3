package com.anchorhealth.domain.sanction;

import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreFold;
import com.anchorhealth.domain.violation.RecordedViolation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the sanction rules need to know about an anchor, all derived from its ledger and its counted
 * violations: the score and ceiling, the latest violation, whether selling is revoked, and the live
 * sessions whose income is held.
 */
public record StandingFacts(
        int score,
        int initialScore,
        Optional<Instant> lastViolationAt,
        boolean sellingRevoked,
        HeldSessions heldSessions) implements StandingView {

    public StandingFacts {
        Objects.requireNonNull(lastViolationAt, "lastViolationAt");
        Objects.requireNonNull(heldSessions, "heldSessions");
    }

    @Override
    public boolean lastViolationAfter(long epochSecond, int nano) {
        if (lastViolationAt.isEmpty()) {
            return false;
        }
        Instant at = lastViolationAt.get();
        return StandingView.isAfter(at.getEpochSecond(), at.getNano(), epochSecond, nano);
    }

    public StandingFacts withHeldSessions(HeldSessions sessions) {
        return new StandingFacts(score, initialScore, lastViolationAt, sellingRevoked, sessions);
    }

    /** An anchor nobody registered is healthy at the initial score. */
    public static StandingFacts unregistered(Policy policy) {
        return new StandingFacts(policy.initialScore(), policy.initialScore(), Optional.empty(), false,
                HeldSessions.NONE);
    }

    /**
     * Rebuilds the facts a standing reads from the ledger and the violations recorded with it: a
     * standing checks no live session, so none is held here.
     */
    public static StandingFacts fromHistory(List<ScoreEvent> ledger, List<RecordedViolation> violations) {
        ScoreFold.FoldedScore folded = ScoreFold.fold(ledger);
        return of(folded.score(), folded.initialScore(), violations);
    }

    /**
     * The facts a standing reads of a score (folded or projected) and the violations behind it;
     * uncounted ones are ignored.
     */
    public static StandingFacts of(int score, int initialScore, List<RecordedViolation> violations) {
        Instant last = null;
        boolean sellingRevoked = false;
        for (RecordedViolation violation : violations) {
            if (!violation.counts()) {
                continue;
            }
            Instant occurred = violation.report().occurredAt();
            if (last == null || occurred.isAfter(last)) {
                last = occurred;
            }
            sellingRevoked |= violation.revokesSelling();
        }
        return new StandingFacts(score, initialScore, Optional.ofNullable(last), sellingRevoked, HeldSessions.NONE);
    }
}
