package com.anchorhealth.domain.score;

import com.anchorhealth.domain.fixtures.Anchors;
import com.anchorhealth.domain.fixtures.Buckets;
import com.anchorhealth.domain.fixtures.Policies;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Certification;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.anchorhealth.domain.fixtures.Moments.AFTER_ENFORCEMENT;
import static com.anchorhealth.domain.fixtures.Moments.ROLLOUT_30;
import static com.anchorhealth.domain.fixtures.Moments.TRIAL_START;
import static com.anchorhealth.domain.fixtures.Moments.justBefore;
import static com.anchorhealth.domain.fixtures.Violations.report;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnchorScoreTest {
    private static final Instant NOW = AFTER_ENFORCEMENT;
    private static final String ACTOR = "moderation";

    private final Policy policy = Policies.defaults();

    private AnchorScore opened(AnchorProfile profile) {
        return AnchorScore.open(profile, policy, NOW.minusSeconds(86_400 * 200), ACTOR).score();
    }

    private AnchorScore.ViolationRecorded record(AnchorScore score, AnchorProfile profile, String type, Instant at) {
        return score.recordViolation(report(profile.anchorId(), Policies.type(type), at), Policies.type(type), profile,
                policy, "v-" + at.toEpochMilli(), "req-" + at.toEpochMilli(), NOW, ACTOR);
    }

    @ParameterizedTest(name = "a {0} anchor opens at {1}")
    @CsvSource({"NONE, 100", "EXPERT, 120", "PROFESSIONAL, 120"})
    void openingWritesTheInitialEntry(Certification certification, int initial) {
        AnchorProfile profile = Anchors.anchor("anchor-1").certified(certification).profile();

        AnchorScore.Opened opened = AnchorScore.open(profile, policy, NOW, ACTOR);

        assertEquals(new AnchorScore(profile.anchorId(), initial, initial, 1, Optional.empty()), opened.score());
        assertEquals(new ScoreEvent(profile.anchorId(), 1, ScoreEventKind.INITIAL, initial, initial, Optional.empty(),
                NOW, ACTOR), opened.initialEntry());
    }

    @Test
    void aViolationDeductsTheBasePlusTheSurcharge() {
        // SERIOUS at level 3 = 6, 150k fans = +1.
        AnchorProfile profile = Anchors.anchor("anchor-1").level(3).fans(150_000).profile();
        AnchorScore before = opened(profile);
        Instant occurred = NOW.minusSeconds(3_600);

        AnchorScore.ViolationRecorded recorded = record(before, profile, "DANGEROUS_ACTS", occurred);

        RecordedViolation violation = recorded.violation();
        assertEquals(ViolationState.ACTIVE, violation.state());
        assertEquals(6, violation.basePoints());
        assertEquals(1, violation.surchargePoints());
        assertEquals(7, violation.points());
        assertEquals(policy.version(), violation.policyVersion());
        assertEquals(2, violation.ledgerSequence());
        assertEquals(NOW, violation.recordedAt());
        assertTrue(violation.noDeductionReason().isEmpty());
        assertEquals(Optional.of(new ScoreEvent(profile.anchorId(), 2, ScoreEventKind.DEDUCTION, -7, 93,
                Optional.of(violation.violationId()), NOW, ACTOR)), recorded.deduction());
        assertEquals(new AnchorScore(profile.anchorId(), 100, 93, 2, Optional.of(occurred)), recorded.after());
        assertSame(before, recorded.before());
    }

    @Test
    void successiveViolationsEachDeductFromTheLastScore() {
        AnchorProfile profile = Anchors.anchor("anchor-1").level(2).profile();
        AnchorScore score = opened(profile);
        List<Integer> scores = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            score = record(score, profile, "GAMBLING_PROMOTION", NOW.minusSeconds(60L * (10 - i))).after();
            scores.add(score.score());
        }
        // SEVERE at level 2 costs 7.
        assertEquals(List.of(93, 86, 79), scores);
        assertEquals(4, score.ledgerSequence());
    }

    @Test
    void aDeductionBiggerThanTheScoreStopsAtZeroButTheEntryKeepsTheFullPoints() {
        AnchorProfile profile = Anchors.anchor("anchor-1").level(4).profile();
        AnchorScore nearlyGone = new AnchorScore(profile.anchorId(), 100, 5, 9, Optional.empty());

        AnchorScore.ViolationRecorded recorded = record(nearlyGone, profile, "PORNOGRAPHY", NOW.minusSeconds(60));

        assertEquals(0, recorded.after().score());
        assertEquals(8, recorded.violation().points());
        assertEquals(-8, recorded.deduction().orElseThrow().delta());
        assertEquals(0, recorded.deduction().orElseThrow().scoreAfter());
        assertEquals(10, recorded.deduction().orElseThrow().sequence());
    }

    @Test
    void theLastViolationIsTheLatestOccurrenceNotTheLatestRecorded() {
        AnchorProfile profile = Anchors.profile("anchor-1");
        Instant later = NOW.minusSeconds(60);
        Instant earlier = NOW.minusSeconds(7_200);
        Instant latest = NOW.minusSeconds(10);

        AnchorScore afterLater = record(opened(profile), profile, "VULGAR_LANGUAGE", later).after();
        AnchorScore afterEarlier = record(afterLater, profile, "VULGAR_LANGUAGE", earlier).after();
        AnchorScore afterLatest = record(afterEarlier, profile, "VULGAR_LANGUAGE", latest).after();

        assertEquals(Optional.of(later), afterEarlier.lastViolationAt());
        assertEquals(Optional.of(latest), afterLatest.lastViolationAt());
    }

    @Test
    void aViolationBeforeTheTrialIsRecordedForNothingWithAReason() {
        AnchorProfile profile = Anchors.anchor(Buckets.idWithBucketBelow(10)).level(4).profile();
        AnchorScore before = opened(profile);

        AnchorScore.ViolationRecorded recorded = record(before, profile, "PORNOGRAPHY", justBefore(TRIAL_START));

        assertOutOfScope(recorded, before);
        assertTrue(recorded.violation().noDeductionReason().orElseThrow().contains("before the trial"),
                recorded.violation().noDeductionReason().orElseThrow());
    }

    @Test
    void aViolationOfAnAnchorTheRolloutHasNotReachedIsRecordedForNothing() {
        AnchorId bucket30OrMore = Buckets.idWithBucketAtLeast(30);
        AnchorProfile profile = Anchors.anchor(bucket30OrMore).level(4).profile();
        AnchorScore before = opened(profile);

        AnchorScore.ViolationRecorded recorded = record(before, profile, "PORNOGRAPHY", ROLLOUT_30.plusSeconds(3_600));

        assertOutOfScope(recorded, before);
        assertTrue(recorded.violation().noDeductionReason().orElseThrow().contains("30%"),
                recorded.violation().noDeductionReason().orElseThrow());
    }

    @Test
    void aViolationOfAnAnchorAlreadyInTheRolloutDeducts() {
        AnchorProfile profile = Anchors.anchor(Buckets.idWithBucketBelow(30)).level(4).profile();

        AnchorScore.ViolationRecorded recorded = record(opened(profile), profile, "PORNOGRAPHY",
                ROLLOUT_30.plusSeconds(3_600));

        assertEquals(ViolationState.ACTIVE, recorded.violation().state());
        assertEquals(92, recorded.after().score());
    }

    private static void assertOutOfScope(AnchorScore.ViolationRecorded recorded, AnchorScore before) {
        RecordedViolation violation = recorded.violation();
        assertEquals(ViolationState.OUT_OF_SCOPE, violation.state());
        assertEquals(0, violation.points());
        assertFalse(violation.counts());
        assertTrue(recorded.deduction().isEmpty(), "no ledger entry");
        assertEquals(before, recorded.after());
        assertEquals(before.ledgerSequence(), violation.ledgerSequence());
    }
}
