package com.anchorhealth.domain.policy;

import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecoveryRulesTest {
    private static final Instant CLEAN_SINCE = Instant.parse("2026-03-01T00:00:00Z");
    private static final RecoveryRules ON = new RecoveryRules(true, 30, 10, 7, true, 30);

    @ParameterizedTest(name = "score {0} of {1}, {2} clean days: +{3}, clean through day {4}")
    @CsvSource({
            "50, 100, 29, 0, 0",      // not yet 30 days
            "50, 100, 30, 1, 30",     // +1 per 30 clean days at or above 10
            "50, 100, 89, 2, 60",     // the remainder counts toward the next
            "10, 100, 30, 1, 30",     // 10 is not below 10
            "9, 100, 6, 0, 0",
            "9, 100, 7, 1, 7",        // +1 per 7 clean days below 10
            "5, 100, 35, 5, 35",      // 5 -> 10 in five weeks
            "8, 100, 44, 3, 44",      // 8, 9 at 7-day steps, then 10 needs 30 more days: 14 + 30
            "99, 100, 300, 1, 30",    // never above the initial score
            "100, 100, 300, 0, 0"})
    void timeCreditsWalkTheCleanTime(int score, int initial, int cleanDays, int points, int throughDay) {
        RecoveryRules.TimeCredit credit = ON.timeCredit(score, initial, CLEAN_SINCE,
                CLEAN_SINCE.plus(Duration.ofDays(cleanDays)));
        assertEquals(points, credit.points());
        assertEquals(CLEAN_SINCE.plus(Duration.ofDays(throughDay)), credit.cleanThrough());
    }

    @Test
    void offByDefault() {
        RecoveryRules off = RecoveryRules.off();
        assertEquals(0, off.timeCredit(50, 100, CLEAN_SINCE, CLEAN_SINCE.plus(Duration.ofDays(365))).points());
        assertFalse(off.learningCreditAllowed(Optional.empty(), CLEAN_SINCE));
        assertFalse(DefaultPolicy.candidate().recovery().timeBased());
        assertFalse(DefaultPolicy.candidate().recovery().learningTasks());
    }

    @Test
    void oneLearningCreditPerThirtyDays() {
        assertTrue(ON.learningCreditAllowed(Optional.empty(), CLEAN_SINCE));
        assertFalse(ON.learningCreditAllowed(Optional.of(CLEAN_SINCE), CLEAN_SINCE.plus(Duration.ofDays(29))));
        assertTrue(ON.learningCreditAllowed(Optional.of(CLEAN_SINCE), CLEAN_SINCE.plus(Duration.ofDays(30))));
    }

    @Test
    void aRecoveryEntryStopsAtTheInitialScore() {
        AnchorScore score = new AnchorScore(new AnchorId("mia"), 100, 99, 4, Optional.of(CLEAN_SINCE));
        AnchorScore.Appended credit = score.recover(3, CLEAN_SINCE, "recovery-job").orElseThrow();
        assertEquals(ScoreEventKind.RECOVERY, credit.entry().kind());
        assertEquals(1, credit.entry().delta());
        assertEquals(100, credit.after().score());
        assertEquals(5, credit.after().ledgerSequence());
        assertEquals(Optional.empty(), credit.after().recover(1, CLEAN_SINCE, "recovery-job"), "at the ceiling");
    }
}
