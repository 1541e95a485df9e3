package com.anchorhealth.application.usecase;

import com.anchorhealth.application.port.out.AnchorRecord;
import com.anchorhealth.application.port.out.Anchors;
import com.anchorhealth.application.port.out.ChangeCause;
import com.anchorhealth.application.port.out.IdGenerator;
import com.anchorhealth.application.port.out.Ledger;
import com.anchorhealth.application.port.out.RecoveryCredits;
import com.anchorhealth.application.port.out.StandingOutbox;
import com.anchorhealth.application.port.out.Violations;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.violation.RecordedViolation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes a recovery credit inside the caller's transaction, with the anchor locked: the RECOVERY
 * ledger entry, the new projection, the credit and the standing change. Nothing at the ceiling.
 */
final class ScoreRecovery {
    private final Anchors anchors;
    private final Violations violations;
    private final Ledger ledger;
    private final RecoveryCredits credits;
    private final StandingChangeWriter changes;
    private final PolicyBook policies;
    private final StandingIndex index;

    ScoreRecovery(Anchors anchors, Violations violations, Ledger ledger, RecoveryCredits credits,
                  StandingOutbox outbox, IdGenerator ids, PolicyBook policies, StandingIndex index) {
        this.anchors = anchors;
        this.violations = violations;
        this.ledger = ledger;
        this.credits = credits;
        this.changes = new StandingChangeWriter(outbox, ids);
        this.policies = policies;
        this.index = index;
    }

    Optional<AnchorScore> credit(AnchorRecord locked, int points, RecoveryCredits.Source source,
                                 Optional<Instant> cleanThrough, Optional<String> taskId, Instant now, String actor) {
        AnchorScore before = locked.score();
        Optional<AnchorScore.Restored> recovered = before.recover(points, now, actor);
        recovered.ifPresent(credit -> {
            AnchorId anchorId = before.anchorId();
            ledger.append(credit.entry());
            anchors.updateScore(credit.after(), now);
            credits.record(new RecoveryCredits.Credit(anchorId, credit.after().ledgerSequence(), source, cleanThrough,
                    taskId, now));
            List<RecordedViolation> all = violations.listAll(anchorId);
            Policy policy = policies.inForceAt(now);
            Standing old = Standing.evaluate(policy, anchorId,
                    StandingFacts.of(before.score(), before.initialScore(), all), now);
            Standing updated = Standing.evaluate(policy, anchorId,
                    StandingFacts.of(credit.after().score(), before.initialScore(), all), now);
            changes.write(Optional.of(old), updated, credit.after().ledgerSequence(), ChangeCause.RECOVERY,
                    Optional.empty());
        });
        return recovered.map(AnchorScore.Restored::after);
    }

    /** After commit, so that a check never sees a credit that rolled back. */
    void publish(AnchorScore after) {
        index.publish(after.anchorId(), after.ledgerSequence(), StandingFacts.of(after.score(), after.initialScore(),
                violations.listAll(after.anchorId())));
    }
}
