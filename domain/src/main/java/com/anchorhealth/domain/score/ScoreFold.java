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
        return foldExcluding(FoldedScore.EMPTY, ledger, excludedViolationIds);
    }

    /**
     * The same replay over a tail of the ledger: from the entry before the earliest excluded violation
     * on. Nothing before that entry is left out (every restoration follows a violation it restores),
     * so the replay starts at its {@code scoreAfter}; a tail that opens with INITIAL is the whole ledger.
     */
    public static FoldedScore foldExcludingFrom(int initialScore, List<ScoreEvent> tail, Set<String> excludedViolationIds) {
        if (tail.isEmpty() || tail.get(0).kind() == ScoreEventKind.INITIAL) {
            return foldExcluding(tail, excludedViolationIds);
        }
        return foldExcluding(new FoldedScore(initialScore, tail.get(0).scoreAfter()), tail.subList(1, tail.size()),
                excludedViolationIds);
    }

    private static FoldedScore foldExcluding(FoldedScore start, List<ScoreEvent> ledger, Set<String> excludedViolationIds) {
        FoldedScore folded = start;
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
