package com.anchorhealth.domain.appeal;

import com.anchorhealth.domain.policy.DefaultPolicy;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.score.ScoreFold;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AppealTest {
    private static final AnchorId MIA = new AnchorId("mia");
    private static final Instant RECORDED = Instant.parse("2026-03-01T00:00:00Z");

    @Test
    void anAppealIsFiledOnceWithinTheThirtyDayWindow() {
        RecordedViolation violation = violation("v1", ViolationState.ACTIVE);
        Instant lastDay = RECORDED.plus(Duration.ofDays(30));
        Appeal appeal = Appeal.file(violation, Optional.empty(), DefaultPolicy.candidate(), "not me", lastDay, "mia");
        assertEquals(AppealState.PENDING, appeal.state());

        assertEquals(Appeal.WINDOW_CLOSED, assertThrows(AppealRefusedException.class, () -> Appeal.file(violation,
                Optional.empty(), DefaultPolicy.candidate(), "late", lastDay.plusMillis(1), "mia")).type());
        assertEquals(Appeal.ALREADY_APPEALED, assertThrows(AppealRefusedException.class, () -> Appeal.file(violation,
                Optional.of(appeal), DefaultPolicy.candidate(), "again", lastDay, "mia")).type());
        assertEquals(Appeal.NOT_APPEALABLE, assertThrows(AppealRefusedException.class, () -> Appeal.file(
                violation("v2", ViolationState.OUT_OF_SCOPE), Optional.empty(), DefaultPolicy.candidate(), "x",
                RECORDED, "mia")).type());
    }

    @Test
    void anAppealIsDecidedOnce() {
        Appeal appeal = Appeal.file(violation("v1", ViolationState.ACTIVE), Optional.empty(),
                DefaultPolicy.candidate(), "not me", RECORDED, "mia");
        Appeal overturned = appeal.decide(AppealDecision.OVERTURN, "clip shows another person", RECORDED, "ops");
        assertEquals(AppealState.OVERTURNED, overturned.state());
        assertEquals(AppealState.UPHELD, appeal.decide(AppealDecision.UPHOLD, "clear", RECORDED, "ops").state());
        assertEquals(Appeal.ALREADY_DECIDED, assertThrows(AppealRefusedException.class,
                () -> overturned.decide(AppealDecision.UPHOLD, "again", RECORDED, "ops")).type());
    }

    /** 100 -50 (v1) = 50, -60 (v2) = 0 clamped; overturning v1 gives 100 - 60 = 40, not 0 + 50. */
    @Test
    void anOverturnReplaysTheFoldEvenWhereTheClampTookPart() {
        List<ScoreEvent> ledger = new ArrayList<>(List.of(
                entry(1, ScoreEventKind.INITIAL, 100, 100, null),
                entry(2, ScoreEventKind.DEDUCTION, -50, 50, "v1"),
                entry(3, ScoreEventKind.DEDUCTION, -60, 0, "v2")));
        AnchorScore score = new AnchorScore(MIA, 100, 0, 3, Optional.of(RECORDED));

        AnchorScore.Appended first = score.restore(ledger, Set.of("v1"), "v1", Optional.of(RECORDED), RECORDED, "ops");
        assertEquals(ScoreEventKind.RESTORATION, first.entry().kind());
        assertEquals(40, first.entry().delta());
        assertEquals(40, first.after().score());
        ledger.add(first.entry());
        assertEquals(40, ScoreFold.fold(ledger).score(), "the plain fold equals the replay");

        ledger.add(entry(5, ScoreEventKind.DEDUCTION, -10, 30, "v3"));
        AnchorScore afterThird = new AnchorScore(MIA, 100, 30, 5, Optional.of(RECORDED));
        AnchorScore.Appended second = afterThird.restore(ledger, Set.of("v1", "v2"), "v2", Optional.of(RECORDED), RECORDED, "ops");
        assertEquals(90, second.after().score());
        ledger.add(second.entry());
        assertEquals(90, ScoreFold.fold(ledger).score());
    }

    private static ScoreEvent entry(int seq, ScoreEventKind kind, int delta, int after, String violationId) {
        return new ScoreEvent(MIA, seq, kind, delta, after, Optional.ofNullable(violationId), RECORDED, "test");
    }

    private static RecordedViolation violation(String id, ViolationState state) {
        return new RecordedViolation(id, "req-" + id, new ViolationReport(MIA, "HARASSMENT", RECORDED,
                Optional.empty(), "moderation", List.of()), Severity.MODERATE, false, RECORDED, 3, 0,
                state == ViolationState.ACTIVE ? 3 : 0, 1, state, Optional.empty(), 2);
    }
}
