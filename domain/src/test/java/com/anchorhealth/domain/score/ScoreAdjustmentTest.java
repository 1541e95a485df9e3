package com.anchorhealth.domain.score;

import com.anchorhealth.domain.DomainException;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScoreAdjustmentTest {
    private static final AnchorId MIA = new AnchorId("mia");
    private static final Instant NOW = Instant.parse("2024-06-01T00:00:00Z");
    private static final Instant LAST_VIOLATION = Instant.parse("2024-05-01T00:00:00Z");

    @ParameterizedTest(name = "at {0} of {1}, {2} points → {3}")
    @CsvSource({
            // score, initial, delta, score after
            "60, 100,   5,  65",
            "60, 100,  -5,  55",
            "60, 100,  40, 100",
            "98, 100,  50, 100",
            "100, 100,  1, 100",
            "10, 100, -50,   0",
            "0, 100,   -1,   0",
            "0, 100,    1,   1",
            "115, 120, 10, 120",
    })
    void anAdjustmentAddsItsDeltaClampedToZeroAndTheInitialScore(int score, int initial, int delta, int after) {
        AnchorScore before = new AnchorScore(MIA, initial, score, 4, Optional.of(LAST_VIOLATION));

        AnchorScore.Appended adjusted = before.adjust(new ScoreAdjustment(delta, "ledger import error"), NOW, "ops");

        assertEquals(new ScoreEvent(MIA, 5, ScoreEventKind.ADJUSTMENT, delta, after, Optional.empty(),
                Optional.of("ledger import error"), NOW, "ops"), adjusted.entry(), "the delta asked for, kept");
        assertEquals(new AnchorScore(MIA, initial, after, 5, Optional.of(LAST_VIOLATION)), adjusted.after(),
                "clean time untouched");
    }

    @ParameterizedTest(name = "delta {0} is refused")
    @CsvSource({"0", "51", "-51", "1000", "-2147483648"})
    void aDeltaOfNothingOrBeyondFiftyPointsIsRefused(int delta) {
        DomainException refused = assertThrows(DomainException.class, () -> new ScoreAdjustment(delta, "why"));
        assertEquals("delta", refused.field());
    }

    @ParameterizedTest(name = "delta {0} is accepted")
    @CsvSource({"1", "-1", "50", "-50"})
    void deltasFromOneToFiftyEitherWayAreAccepted(int delta) {
        assertEquals(delta, new ScoreAdjustment(delta, "why").delta());
    }

    @ParameterizedTest(name = "reason ''{0}'' is refused")
    @CsvSource(value = {"''", "'   '", "'line\nbreak'"}, quoteCharacter = '\'')
    void aBlankReasonOrOneWithControlCharactersIsRefused(String reason) {
        assertEquals("reason", assertThrows(DomainException.class, () -> new ScoreAdjustment(5, reason)).field());
    }

    @Test
    void aReasonOfFiveHundredCharactersIsTheLongest() {
        assertEquals(500, new ScoreAdjustment(5, "r".repeat(500)).reason().length());
        assertEquals("reason", assertThrows(DomainException.class,
                () -> new ScoreAdjustment(5, "r".repeat(501))).field());
    }

    /** The fold and an overturn's replay both keep the correction; only the overturned deduction leaves. */
    @Test
    void anOverturnReplayKeepsTheAdjustment() {
        List<ScoreEvent> ledger = List.of(
                new ScoreEvent(MIA, 1, ScoreEventKind.INITIAL, 100, 100, Optional.empty(), NOW, "ingest"),
                new ScoreEvent(MIA, 2, ScoreEventKind.DEDUCTION, -8, 92, Optional.of("v1"), NOW, "ingest"),
                new ScoreEvent(MIA, 3, ScoreEventKind.ADJUSTMENT, -30, 62, Optional.empty(), Optional.of("fraud"), NOW,
                        "ops"));

        assertEquals(62, ScoreFold.fold(ledger).score());
        assertEquals(70, ScoreFold.foldExcluding(ledger, Set.of("v1")).score());
    }
}
