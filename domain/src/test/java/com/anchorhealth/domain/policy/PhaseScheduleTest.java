package com.anchorhealth.domain.policy;

import com.anchorhealth.domain.fixtures.Buckets;
import com.anchorhealth.domain.fixtures.Policies;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static com.anchorhealth.domain.fixtures.Moments.ALL_IN_SCOPE;
import static com.anchorhealth.domain.fixtures.Moments.DURING_TRIAL;
import static com.anchorhealth.domain.fixtures.Moments.ENFORCED_FROM;
import static com.anchorhealth.domain.fixtures.Moments.ROLLOUT_30;
import static com.anchorhealth.domain.fixtures.Moments.ROLLOUT_60;
import static com.anchorhealth.domain.fixtures.Moments.TRIAL_START;
import static com.anchorhealth.domain.fixtures.Moments.justBefore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DESIGN.md section 4: trial from 2023-09-07, everyone by 2023-10-31, enforced from 2023-12-31 (Asia/Shanghai). */
class PhaseScheduleTest {
    private final PhaseSchedule phases = Policies.defaults().phases();

    @Test
    void anIdsBytesFallInTheIdsBucket() {
        Random random = new Random(22);
        String characters = "ABCXYZabcxyz0123456789._-";
        for (int i = 0; i < 100_000; i++) {
            StringBuilder id = new StringBuilder();
            for (int c = 1 + random.nextInt(AnchorId.MAX_LENGTH); c > 0; c--) {
                id.append(characters.charAt(random.nextInt(characters.length())));
            }
            AnchorId anchorId = new AnchorId(id.toString());
            assertEquals(PhaseSchedule.bucketOf(anchorId),
                    PhaseSchedule.bucketOf(anchorId.value().getBytes(StandardCharsets.US_ASCII)), anchorId.value());
        }
    }

    @Test
    void theDefaultDatesAreShanghaiMidnights() {
        assertEquals(Instant.parse("2023-09-06T16:00:00Z"), phases.trialStart());
        assertEquals(Instant.parse("2023-12-30T16:00:00Z"), phases.enforcedFrom());
        assertEquals("Asia/Shanghai", phases.timeZone());
    }

    @ParameterizedTest(name = "at {0}, {1}% of anchors are in scope")
    @CsvSource({
            "2023-01-01T00:00:00Z,     0",
            "2023-09-06T15:59:59.999Z, 0",
            "2023-09-06T16:00:00Z,     10",
            "2023-09-20T15:59:59.999Z, 10",
            "2023-09-20T16:00:00Z,     30",
            "2023-10-09T15:59:59.999Z, 30",
            "2023-10-09T16:00:00Z,     60",
            "2023-10-30T15:59:59.999Z, 60",
            "2023-10-30T16:00:00Z,     100",
            "2023-12-30T16:00:00Z,     100",
            "2030-01-01T00:00:00Z,     100"})
    void rolloutPercentageAtEachStepBoundary(Instant at, int percent) {
        assertEquals(percent, phases.percentInScopeAt(at));
    }

    @Test
    void theBucketIsFnv1aOfTheIdModuloOneHundredAndNeverChanges() {
        // Published FNV-1a (32-bit) vectors: "a" -> 0xe40c292c, "foobar" -> 0xbf9cf968; both are 20 mod 100.
        assertEquals(20, PhaseSchedule.bucketOf(new AnchorId("a")));
        assertEquals(20, PhaseSchedule.bucketOf(new AnchorId("foobar")));
        assertEquals(99, PhaseSchedule.bucketOf(new AnchorId("anchor-2")));
        assertEquals(0, PhaseSchedule.bucketOf(new AnchorId("anchor-23")));
        assertEquals(PhaseSchedule.bucketOf(new AnchorId("anchor-77")), PhaseSchedule.bucketOf(new AnchorId("anchor-77")));
    }

    @Test
    void bucketsSpreadAnchorsEvenlySoAPercentageMeansThatShare() {
        List<Integer> buckets = IntStream.range(0, 10_000)
                .mapToObj(i -> PhaseSchedule.bucketOf(new AnchorId("anchor-" + i))).toList();

        assertTrue(buckets.stream().allMatch(bucket -> bucket >= 0 && bucket < 100));
        long inFirstTenPercent = buckets.stream().filter(bucket -> bucket < 10).count();
        assertTrue(inFirstTenPercent > 800 && inFirstTenPercent < 1200, "10% step covers " + inFirstTenPercent);
    }

    @Test
    void anAnchorOnceInScopeStaysInScopeAsTheRolloutGrows() {
        List<Instant> steps = List.of(TRIAL_START, ROLLOUT_30, ROLLOUT_60, ALL_IN_SCOPE, ENFORCED_FROM);
        for (int i = 0; i < 2_000; i++) {
            AnchorId id = new AnchorId("anchor-" + i);
            boolean wasInScope = false;
            for (Instant step : steps) {
                boolean inScope = phases.rolloutAt(id, step).inScope();
                assertFalse(wasInScope && !inScope, id + " left the scope at " + step);
                wasInScope = inScope;
            }
            assertTrue(wasInScope, id + " is in scope once every anchor is");
        }
    }

    @Test
    void nobodyIsInScopeBeforeTheTrial() {
        AnchorId lowBucket = Buckets.idWithBucketBelow(1);

        assertEquals(new Rollout(false, false), phases.rolloutAt(lowBucket, justBefore(TRIAL_START)));
        assertEquals(new Rollout(true, false), phases.rolloutAt(lowBucket, TRIAL_START));
    }

    @Test
    void aHighBucketJoinsOnlyWhenItsStepBegins() {
        AnchorId bucket60OrMore = Buckets.idWithBucketAtLeast(60);

        assertFalse(phases.rolloutAt(bucket60OrMore, ROLLOUT_30).inScope());
        assertFalse(phases.rolloutAt(bucket60OrMore, justBefore(ALL_IN_SCOPE)).inScope());
        assertTrue(phases.rolloutAt(bucket60OrMore, ALL_IN_SCOPE).inScope());
    }

    @Test
    void aBucketBelowThePercentageIsInScopeAndOneAtItIsNot() {
        AnchorId bucket29 = Buckets.idInBucket(29);
        AnchorId bucket30 = Buckets.idInBucket(30);

        assertTrue(phases.rolloutAt(bucket29, ROLLOUT_30).inScope());
        assertFalse(phases.rolloutAt(bucket30, ROLLOUT_30).inScope());
    }

    @Test
    void anAnchorIsInScopeFromAnInstantOnlyWhenItIsThenAndAtEveryLaterStep() {
        AnchorId bucket29 = Buckets.idInBucket(29);
        AnchorId bucket30 = Buckets.idInBucket(30);

        assertFalse(phases.inScopeFrom(bucket29, justBefore(TRIAL_START)));
        assertFalse(phases.inScopeFrom(bucket29, TRIAL_START));
        assertTrue(phases.inScopeFrom(bucket29, ROLLOUT_30));
        assertFalse(phases.inScopeFrom(bucket30, ROLLOUT_30));
        assertTrue(phases.inScopeFrom(bucket30, ROLLOUT_60));
        assertTrue(phases.inScopeFrom(bucket30, ENFORCED_FROM));
    }

    @Test
    void aScopeThatShrinksLaterIsNotInScopeFromBeforeIt() {
        // Not a valid schedule (scope must not shrink), which inScopeFrom does not rely on.
        PhaseSchedule shrinking = Policies.changed().rolloutPercents(100, 100, 10, 100).build().phases();
        AnchorId bucket30 = Buckets.idInBucket(30);

        assertTrue(shrinking.rolloutAt(bucket30, TRIAL_START).inScope());
        assertFalse(shrinking.inScopeFrom(bucket30, TRIAL_START));
        assertTrue(shrinking.inScopeFrom(bucket30, ALL_IN_SCOPE));
    }

    @Test
    void enforcementBeginsExactlyAtItsInstant() {
        AnchorId anyone = new AnchorId("anchor-1");

        assertEquals(new Rollout(true, false), phases.rolloutAt(anyone, DURING_TRIAL));
        assertEquals(new Rollout(true, false), phases.rolloutAt(anyone, justBefore(ENFORCED_FROM)));
        assertEquals(new Rollout(true, true), phases.rolloutAt(anyone, ENFORCED_FROM));
    }
}
