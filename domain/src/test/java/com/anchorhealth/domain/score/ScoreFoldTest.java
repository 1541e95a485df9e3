package com.anchorhealth.domain.score;

import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DESIGN.md section 2: the score is a fold over the ledger, clamped to [0, initial] at every step. */
class ScoreFoldTest {
    private static final AnchorId ANCHOR = new AnchorId("anchor-1");
    private static final Instant AT = Instant.parse("2024-03-01T00:00:00Z");

    /** An INITIAL entry then one entry per delta (negative deductions, positive restorations). */
    private static List<ScoreEvent> ledger(int initial, String deltas) {
        List<ScoreEvent> entries = new ArrayList<>();
        entries.add(new ScoreEvent(ANCHOR, 1, ScoreEventKind.INITIAL, initial, initial, Optional.empty(), AT, "test"));
        int[] values = deltas.isBlank() ? new int[0]
                : Arrays.stream(deltas.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
        for (int delta : values) {
            ScoreEventKind kind = delta < 0 ? ScoreEventKind.DEDUCTION : ScoreEventKind.RESTORATION;
            // scoreAfter is what the writer stored; the fold must not read it.
            entries.add(new ScoreEvent(ANCHOR, entries.size() + 1, kind, delta, -1, Optional.empty(), AT, "test"));
        }
        return entries;
    }

    @ParameterizedTest(name = "from {0}, deltas [{1}] fold to {2}")
    @CsvSource({
            "100, '',           100",
            "120, '',           120",
            "100, -8,           92",
            "100, -8 -8 -8,     76",
            "100, -1 -6 -13,    80",
            "100, -100,         0",
            "100, -60 -30 -15,  0",
            "100, -95 -8,       0",
            "100, -95 -8 3,     3",
            "100, -95 -8 -4 2 2, 4",
            "100, -10 15,       100",
            "120, -10 15,       120",
            "120, -30 5 5,      100"})
    void foldClampsEveryStepToZeroAndTheInitialScore(int initial, String deltas, int score) {
        ScoreFold.FoldedScore folded = ScoreFold.fold(ledger(initial, deltas));

        assertEquals(score, folded.score());
        assertEquals(initial, folded.initialScore());
    }

    @Test
    void aDeductionBiggerThanTheScoreStaysAtZeroAndALaterCreditStartsFromZero() {
        // 5 - 8 would be -3; clamped to 0, a +3 restoration gives 3, not 0.
        assertEquals(0, ScoreFold.fold(ledger(100, "-95 -8")).score());
        assertEquals(3, ScoreFold.fold(ledger(100, "-95 -8 3")).score());
    }

    @Test
    void theCertifiedCeilingIsOneHundredTwenty() {
        assertEquals(120, ScoreFold.fold(ledger(120, "-5 50")).score());
        assertEquals(100, ScoreFold.fold(ledger(100, "-5 50")).score());
    }

    @ParameterizedTest(name = "clamp({0}, ceiling {1}) = {2}")
    @CsvSource({"-3, 100, 0", "0, 100, 0", "57, 100, 57", "100, 100, 100", "101, 100, 100", "125, 120, 120"})
    void clamp(int score, int ceiling, int clamped) {
        assertEquals(clamped, ScoreFold.clamp(score, ceiling));
    }

    @Test
    void anEmptyLedgerFoldsToNothing() {
        assertEquals(new ScoreFold.FoldedScore(0, 0), ScoreFold.fold(List.of()));
    }
}
