package com.anchorhealth.application.recovery;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.port.out.Transactions;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.policy.RecoveryRules;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Time-based recovery, run by a scheduled job: each anchor below its initial score earns the credits
 * its clean time (since its last counted violation or the clean time its last credit used) is worth
 * under the policy in force. Safe to run twice, and by two instances at once: each anchor is
 * re-read under its lock, and a credit records the clean time it used, so it is never paid twice.
 */
@Singleton
public final class RecoverScores {
    static final String ACTOR = "recovery-job";

    private final Transactions transactions;
    private final Anchors anchors;
    private final ScoreRecovery recovery;
    private final PolicyBook policies;
    private final Clock clock;

    @Inject
    public RecoverScores(Transactions transactions, Anchors anchors, ScoreRecovery recovery, PolicyBook policies,
                         Clock clock) {
        this.transactions = transactions;
        this.anchors = anchors;
        this.recovery = recovery;
        this.policies = policies;
        this.clock = clock;
    }

    /** What one run did. */
    public record Run(long anchorsBelowInitial, long anchorsCredited, long points) {
    }

    public Run runOnce() {
        Instant now = clock.instant();
        RecoveryRules rules = policies.inForceAt(now).recovery();
        long[] counts = new long[3];
        if (!rules.timeBased()) {
            return new Run(0, 0, 0);
        }
        anchors.forEach(record -> {
            AnchorScore score = record.score();
            if (score.score() >= score.initialScore() || record.anchor().cleanSince().isEmpty()) {
                return;
            }
            counts[0]++;
            creditDue(score.anchorId(), rules, now).ifPresent(after -> {
                counts[1]++;
                counts[2] += after.score().score() - score.score();
                recovery.publish(after);
            });
        });
        return new Run(counts[0], counts[1], counts[2]);
    }

    private Optional<Anchor> creditDue(AnchorId anchorId, RecoveryRules rules, Instant now) {
        Deadline deadline = Deadline.ofCallerWithoutOne();
        return IdempotentWrites.retryingConflicts(deadline, () -> transactions.inTransaction(deadline, () -> anchors.lock(anchorId)
                .flatMap(locked -> recovery.creditCleanTime(locked, rules, now, ACTOR))));
    }
}
