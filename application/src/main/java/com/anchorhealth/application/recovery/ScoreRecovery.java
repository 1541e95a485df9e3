package com.anchorhealth.application.recovery;

import com.anchorhealth.application.port.out.AnchorRecord;
import com.anchorhealth.application.port.out.ChangeCause;
import com.anchorhealth.application.port.out.RecoveryCredits;
import com.anchorhealth.application.write.LedgerWrites;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.score.AnchorScore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/**
 * Writes a recovery credit inside the caller's transaction, with the anchor locked: the RECOVERY
 * ledger entry, the new projection, the credit and the standing change. Nothing at the ceiling.
 */
@Singleton
final class ScoreRecovery {
    private final RecoveryCredits credits;
    private final LedgerWrites ledgerWrites;

    @Inject
    ScoreRecovery(RecoveryCredits credits, LedgerWrites ledgerWrites) {
        this.credits = credits;
        this.ledgerWrites = ledgerWrites;
    }

    Optional<Anchor> credit(AnchorRecord locked, int points, RecoveryCredits.Source source,
                            Optional<Instant> cleanThrough, Optional<String> taskId, Instant now, String actor) {
        Anchor before = locked.anchor();
        Optional<AnchorScore.Appended> recovered = before.score().recover(points, now, actor);
        return recovered.map(credit -> {
            Anchor after = before.withScore(credit.after());
            ledgerWrites.append(before, credit.entry(), after, now, ChangeCause.RECOVERY, Optional.empty());
            credits.record(new RecoveryCredits.Credit(after.anchorId(), credit.after().ledgerSequence(), source,
                    cleanThrough, taskId, now));
            return after;
        });
    }

    /** After commit, so that a check never sees a credit that rolled back. */
    void publish(Anchor after) {
        ledgerWrites.publish(after);
    }
}
