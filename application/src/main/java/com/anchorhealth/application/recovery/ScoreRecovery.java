package com.anchorhealth.application.recovery;

import com.anchorhealth.application.port.out.AnchorRecord;
import com.anchorhealth.application.port.out.Anchors;
import com.anchorhealth.application.port.out.ChangeCause;
import com.anchorhealth.application.port.out.Ledger;
import com.anchorhealth.application.port.out.RecoveryCredits;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.application.write.StandingChangeWriter;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.score.AnchorScore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Writes a recovery credit inside the caller's transaction, with the anchor locked: the RECOVERY
 * ledger entry, the new projection, the credit and the standing change. Nothing at the ceiling.
 */
@Singleton
final class ScoreRecovery {
    private final Anchors anchors;
    private final Ledger ledger;
    private final RecoveryCredits credits;
    private final StandingChangeWriter changes;
    private final PolicyBook policies;
    private final StandingIndex index;

    @Inject
    ScoreRecovery(Anchors anchors, Ledger ledger, RecoveryCredits credits, StandingChangeWriter changes,
                  PolicyBook policies, StandingIndex index) {
        this.anchors = anchors;
        this.ledger = ledger;
        this.credits = credits;
        this.changes = changes;
        this.policies = policies;
        this.index = index;
    }

    Optional<Anchor> credit(AnchorRecord locked, int points, RecoveryCredits.Source source,
                            Optional<Instant> cleanThrough, Optional<String> taskId, Instant now, String actor) {
        Anchor before = locked.anchor();
        Optional<AnchorScore.Appended> recovered = before.score().recover(points, now, actor);
        return recovered.map(credit -> {
            Anchor after = before.withScore(credit.after());
            ledger.append(credit.entry());
            anchors.updateStandings(List.of(after), now);
            credits.record(new RecoveryCredits.Credit(after.anchorId(), credit.after().ledgerSequence(), source,
                    cleanThrough, taskId, now));
            changes.write(Optional.of(before), after, policies.inForceAt(now), now, ChangeCause.RECOVERY,
                    Optional.empty());
            return after;
        });
    }

    /** After commit, so that a check never sees a credit that rolled back. */
    void publish(Anchor after) {
        index.publish(after.anchorId(), after.score().ledgerSequence(), after.facts());
    }
}
