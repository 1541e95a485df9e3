package com.anchorhealth.application.recovery;

import com.anchorhealth.application.error.FailedPreconditionException;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.RecoveryCredits;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.policy.RecoveryRules;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Recovery credits inside the writer's transaction, with the anchor locked: what a learning task or
 * clean time is due under the rules in force, and the credit it earns: the RECOVERY entry with the
 * anchor after it (which the writer writes) and the credit's own row. Nothing at the ceiling.
 */
@Singleton
final class ScoreRecovery {
    private static final int LEARNING_TASK_POINTS = 1;

    private final RecoveryCredits credits;

    @Inject
    ScoreRecovery(RecoveryCredits credits) {
        this.credits = credits;
    }

    /**
     * A completed task's credit, where the rules in force grant one and the last is old enough;
     * FAILED_PRECONDITION if not. Empty when the anchor is at its ceiling.
     */
    Optional<Anchor.Change> creditLearningTask(AnchorRecord locked, String taskId, RecoveryRules rules, Instant now,
                                              String actor) {
        AnchorId anchorId = locked.profile().anchorId();
        String name = AnchorNames.anchor(anchorId);
        if (!rules.learningTasks()) {
            throw new FailedPreconditionException(CompleteLearningTask.LEARNING_RECOVERY_OFF, name,
                    "the policy in force grants no recovery for learning tasks");
        }
        Optional<Instant> last = credits.lastLearningCredit(anchorId);
        if (!rules.learningCreditAllowed(last, now)) {
            throw new FailedPreconditionException(CompleteLearningTask.LEARNING_CREDIT_TOO_SOON, name, "one learning credit per "
                    + rules.learningTaskIntervalDays() + " days; the last was granted at " + last.orElseThrow(),
                    Map.of("intervalDays", String.valueOf(rules.learningTaskIntervalDays()),
                            "lastCreditAt", last.orElseThrow().toString()));
        }
        return credit(locked, LEARNING_TASK_POINTS, RecoveryCredits.Source.LEARNING_TASK, Optional.empty(),
                Optional.of(taskId), now, actor);
    }

    /**
     * The credits the anchor's clean time is worth under {@code rules}, if any. Clean time runs from when the latest
     * counted violation was recorded, not from when it is said to have occurred: a report dated long
     * ago earns nothing at the next run.
     */
    Optional<Anchor.Change> creditCleanTime(AnchorRecord locked, RecoveryRules rules, Instant now, String actor) {
        if (locked.anchor().cleanSince().isEmpty()) {
            return Optional.empty();
        }
        AnchorScore score = locked.score();
        Instant lastViolation = locked.anchor().cleanSince().get();
        Instant cleanSince = credits.lastTimeCreditCleanThrough(score.anchorId())
                .filter(through -> through.isAfter(lastViolation)).orElse(lastViolation);
        RecoveryRules.TimeCredit due = rules.timeCredit(score.score(), score.initialScore(), cleanSince, now);
        if (due.points() == 0) {
            return Optional.empty();
        }
        return credit(locked, due.points(), RecoveryCredits.Source.TIME, Optional.of(due.cleanThrough()),
                Optional.empty(), now, actor);
    }

    private Optional<Anchor.Change> credit(AnchorRecord locked, int points, RecoveryCredits.Source source,
                                           Optional<Instant> cleanThrough, Optional<String> taskId, Instant now,
                                           String actor) {
        return locked.anchor().recover(points, now, actor).map(credit -> {
            credits.record(new RecoveryCredits.Credit(credit.after().anchorId(), credit.entry().sequence(), source,
                    cleanThrough, taskId, now));
            return credit;
        });
    }
}
