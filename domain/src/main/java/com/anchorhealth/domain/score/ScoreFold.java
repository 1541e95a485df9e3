package com.anchorhealth.domain.score;

import java.util.List;
import java.util.Set;

/**
 * The score is a pure fold over the ledger in recorded order: INITIAL sets the score and the ceiling,
 * every other entry adds its delta, and the result is clamped to [0, ceiling] at every step (so a
 * deduction that hits 0 is not "remembered" by later restorations).
 */
public final class ScoreFold {
    private ScoreFold() {
    }

    public static FoldedScore fold(List<ScoreEvent> ledger) {
        FoldedScore folded = FoldedScore.EMPTY;
        for (ScoreEvent event : ledger) {
            folded = folded.apply(event.kind(), event.delta());
        }
        return folded;
    }

    /**
     * The fold as if the given violations had never been recorded: their deductions and every
     * earlier restoration (a correction of an earlier exclusion) are left out. This is what an
     * overturn restores the score to, including where the clamp at 0 took part.
     */
    public static FoldedScore foldExcluding(List<ScoreEvent> ledger, Set<String> excludedViolationIds) {
        FoldedScore folded = FoldedScore.EMPTY;
        for (ScoreEvent event : ledger) {
            boolean excluded = event.kind() == ScoreEventKind.RESTORATION
                    || event.kind() == ScoreEventKind.DEDUCTION
                    && event.violationId().filter(excludedViolationIds::contains).isPresent();
            if (!excluded) {
                folded = folded.apply(event.kind(), event.delta());
            }
        }
        return folded;
    }

    public static int clamp(int score, int ceiling) {
        return Math.max(0, Math.min(ceiling, score));
    }

    /** The state of the fold: the ceiling set by INITIAL and the score so far. */
    public record FoldedScore(int initialScore, int score) {
        public static final FoldedScore EMPTY = new FoldedScore(0, 0);

        public FoldedScore apply(ScoreEventKind kind, int delta) {
            if (kind == ScoreEventKind.INITIAL) {
                return new FoldedScore(delta, delta);
            }
            return new FoldedScore(initialScore, clamp(score + delta, initialScore));
        }
    }
}
