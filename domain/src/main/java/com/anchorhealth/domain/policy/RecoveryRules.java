package com.anchorhealth.domain.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Recovery, off by default: time-based (+1 per {@code cleanDaysPerPoint} days without a counted
 * violation, +1 per {@code lowScoreCleanDaysPerPoint} days below {@code lowScoreBelow}) and by
 * learning (+1 per completed task, at most once per {@code learningTaskIntervalDays}). Never above
 * the initial score.
 */
public record RecoveryRules(boolean timeBased, int cleanDaysPerPoint, int lowScoreBelow, int lowScoreCleanDaysPerPoint,
                            boolean learningTasks, int learningTaskIntervalDays) {

    public static RecoveryRules off() {
        return new RecoveryRules(false, 30, 10, 7, false, 30);
    }

    /** The time-based credit due after clean time since {@code cleanSince}: points, and the clean time used. */
    public record TimeCredit(int points, Instant cleanThrough) {
    }

    /**
     * Walks the clean time one credit at a time, since a credit can lift the score over the low-score
     * line and so lengthen the next period. {@code cleanThrough} is where the next credit starts counting.
     */
    public TimeCredit timeCredit(int score, int initialScore, Instant cleanSince, Instant now) {
        int points = 0;
        Instant through = cleanSince;
        while (timeBased && score + points < initialScore) {
            int days = score + points < lowScoreBelow ? lowScoreCleanDaysPerPoint : cleanDaysPerPoint;
            Instant next = through.plus(Duration.ofDays(days));
            if (next.isAfter(now)) {
                break;
            }
            points++;
            through = next;
        }
        return new TimeCredit(points, through);
    }

    /** Whether a learning credit may be granted now, given the last one granted. */
    public boolean learningCreditAllowed(Optional<Instant> lastLearningCredit, Instant now) {
        return learningTasks && lastLearningCredit
                .map(last -> !now.isBefore(last.plus(Duration.ofDays(learningTaskIntervalDays))))
                .orElse(true);
    }
}
