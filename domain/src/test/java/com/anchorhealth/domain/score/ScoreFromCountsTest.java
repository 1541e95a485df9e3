package com.anchorhealth.domain.score;

import com.anchorhealth.domain.fixtures.Buckets;
import com.anchorhealth.domain.fixtures.Policies;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Certification;
import com.anchorhealth.domain.vocabulary.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import static com.anchorhealth.domain.fixtures.Moments.ALL_IN_SCOPE;
import static com.anchorhealth.domain.fixtures.Moments.ENFORCED_FROM;
import static com.anchorhealth.domain.fixtures.Moments.ROLLOUT_30;
import static com.anchorhealth.domain.fixtures.Moments.ROLLOUT_60;
import static com.anchorhealth.domain.fixtures.Moments.TRIAL_START;
import static com.anchorhealth.domain.fixtures.Moments.justBefore;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The score from counts is the replay's score wherever it answers: over generated histories of every
 * level, audience and certification, with overturns, recoveries and adjustments, under candidates that
 * price and scope them differently; and it answers for the histories it is meant for.
 */
class ScoreFromCountsTest {
    private static final Instant AFTER_ROLLOUT = ENFORCED_FROM.plus(Duration.ofDays(30));
    private static final List<Instant> AROUND_THE_PHASES = List.of(justBefore(TRIAL_START), TRIAL_START,
            ROLLOUT_30.plusSeconds(1), justBefore(ROLLOUT_60), ROLLOUT_60, ALL_IN_SCOPE, AFTER_ROLLOUT);
    private static final int HISTORIES = 20_000;

    /** Candidates that price, surcharge, scope or start differently, and after them an invalid one (a negative price). */
    private static final List<Policy> CANDIDATES = List.of(
            Policies.defaults(),
            Policies.changed().deductions(Severity.MINOR, 8, 1, 3, 5).deductions(Severity.SEVERE, 1, 8, 8, 2)
                    .surchargePoints(0, 5).surchargePoints(4, 1).build(),
            Policies.changed().phases(ALL_IN_SCOPE, ENFORCED_FROM).build(),
            Policies.changed().rolloutPercents(0, 50, 50, 70).build(),
            Policies.changed().rolloutPercents(100, 100, 10, 100).build(),
            Policies.changed().deductions(Severity.MODERATE, 0, -7, 0, 3).surchargePoints(0, 0).build());
    private static final int VALID_CANDIDATES = CANDIDATES.size() - 1;

    @Test
    void countsAnswerAsTheReplayWhereverTheyAnswer() {
        long seed = System.nanoTime();
        SplittableRandom random = new SplittableRandom(seed);
        int[] meantFor = new int[CANDIDATES.size()];
        for (int i = 0; i < HISTORIES; i++) {
            AnchorProfile profile = profile(random, i);
            List<ReplayedViolation> violations = violations(random);
            List<KeptEntry> kept = random.nextInt(3) == 0 ? kept(random, violations) : List.of();
            ViolationCounts counts = counted(violations, random);
            for (int c = 0; c < CANDIDATES.size(); c++) {
                Policy candidate = CANDIDATES.get(c);
                OptionalInt fromCounts = Replay.scoreFromCounts(candidate, profile, counts, kept);
                int candidateIndex = c;
                Supplier<String> history = () -> "candidate " + candidateIndex + ", " + profile + ", " + violations
                        + ", " + kept + " (seed " + seed + ")";
                if (fromCounts.isPresent()) {
                    assertEquals(Replay.scoreUnder(candidate, profile, violations, kept), fromCounts.getAsInt(),
                            history);
                }
                if (c < VALID_CANDIDATES && kept.isEmpty() && counts.occurredFrom().equals(earliestCounted(violations))
                        && candidate.phases().inScopeFrom(profile.anchorId(), counts.occurredFrom())) {
                    meantFor[c]++;
                    assertTrue(fromCounts.isPresent(), () -> "counts meant to answer did not: " + history.get());
                }
            }
        }
        for (int c = 0; c < VALID_CANDIDATES; c++) {
            assertTrue(meantFor[c] > HISTORIES / 20, "candidate " + c + ": " + meantFor[c] + " histories meant for"
                    + " counts (seed " + seed + ")");
        }
    }

    @Test
    void countsOfViolationsAllInScopeArePricedByTheCandidateAtTheAnchorsLevelAndAudience() {
        AnchorProfile level3WithFans = new AnchorProfile(new AnchorId("mia"), "Mia", Certification.NONE, 3, 500_000,
                0, Optional.empty());
        ViolationCounts counts = new ViolationCounts(2, 1, 0, 3, AFTER_ROLLOUT);

        // Level 3: MINOR 2, MODERATE 3, SEVERE 8; 500k fans: +2 each. 100 - (2*4 + 5 + 3*10) = 57.
        assertEquals(OptionalInt.of(57), Replay.scoreFromCounts(Policies.defaults(), level3WithFans, counts, List.of()));
    }

    @Test
    void aCertifiedAnchorStartsFromItsCeilingAndNoScoreFallsBelowZero() {
        AnchorProfile certified = new AnchorProfile(new AnchorId("mia"), "Mia", Certification.EXPERT, 1, 0, 0,
                Optional.empty());

        assertEquals(OptionalInt.of(114), Replay.scoreFromCounts(Policies.defaults(), certified,
                new ViolationCounts(0, 3, 0, 0, AFTER_ROLLOUT), List.of()));
        assertEquals(OptionalInt.of(0), Replay.scoreFromCounts(Policies.defaults(), certified,
                new ViolationCounts(0, 0, 0, 21, AFTER_ROLLOUT), List.of()));
        assertEquals(OptionalInt.of(120), Replay.scoreFromCounts(Policies.defaults(), certified,
                new ViolationCounts(0, 0, 0, 0, justBefore(TRIAL_START)), List.of()));
    }

    @Test
    void countsDoNotAnswerForAnAnchorWithKeptEntriesOrOutOfScopeAtItsEarliestViolationOrANegativePrice() {
        AnchorProfile profile = new AnchorProfile(Buckets.idInBucket(30), "Mia", Certification.NONE, 2, 0, 0,
                Optional.empty());
        ViolationCounts moderate = new ViolationCounts(0, 1, 0, 0, AFTER_ROLLOUT);

        assertTrue(Replay.scoreFromCounts(Policies.defaults(), profile, moderate,
                List.of(new KeptEntry(AFTER_ROLLOUT, 1))).isEmpty());
        assertTrue(Replay.scoreFromCounts(Policies.defaults(), profile,
                new ViolationCounts(0, 1, 0, 0, ROLLOUT_30), List.of()).isEmpty());
        assertTrue(Replay.scoreFromCounts(CANDIDATES.get(CANDIDATES.size() - 1), profile, moderate, List.of())
                .isEmpty());
    }

    private static AnchorProfile profile(SplittableRandom random, int i) {
        long[] fans = {0, 99_999, 100_000, 499_999, 500_000, 1_000_000, 5_000_000, 10_000_000};
        long[] viewers = {0, 999, 1_000, 5_000, 10_000, 50_000, 100_000};
        return new AnchorProfile(new AnchorId("anchor-" + i), "Anchor " + i,
                Certification.values()[random.nextInt(Certification.values().length)], 1 + random.nextInt(4),
                fans[random.nextInt(fans.length)], viewers[random.nextInt(viewers.length)], Optional.empty());
    }

    /**
     * Up to 12 violations in recording order, each occurred before it was recorded; half the histories
     * begin after the rollout, the others around its phases. A fifth are overturned.
     */
    private static List<ReplayedViolation> violations(SplittableRandom random) {
        List<ReplayedViolation> violations = new ArrayList<>();
        Instant recorded = random.nextBoolean() ? AFTER_ROLLOUT
                : AROUND_THE_PHASES.get(random.nextInt(AROUND_THE_PHASES.size()));
        for (int n = random.nextInt(13); n > 0; n--) {
            recorded = recorded.plus(Duration.ofHours(random.nextInt(24 * 20)));
            Instant occurred = recorded.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 10)));
            violations.add(new ReplayedViolation(recorded, occurred,
                    Severity.values()[random.nextInt(Severity.values().length)], random.nextInt(5) == 0));
        }
        return violations;
    }

    /** Recoveries and adjustments (some large enough to hit the ceiling or 0) before, among and after them. */
    private static List<KeptEntry> kept(SplittableRandom random, List<ReplayedViolation> violations) {
        Instant from = violations.isEmpty() ? AFTER_ROLLOUT : violations.get(0).recordedAt();
        List<KeptEntry> kept = new ArrayList<>();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            kept.add(new KeptEntry(from.plus(Duration.ofHours(random.nextInt(24 * 20 * 14) - 24 * 10)),
                    random.nextBoolean() ? 1 + random.nextInt(3) : random.nextInt(81) - 40));
        }
        kept.sort(Comparator.comparing(KeptEntry::recordedAt));
        return kept;
    }

    /**
     * The counts a store gives: the violations not overturned by severity, and as the instant none occurred
     * before either the earliest of those or the earliest of all (an overturned one included).
     */
    private static ViolationCounts counted(List<ReplayedViolation> violations, SplittableRandom random) {
        int[] bySeverity = new int[Severity.values().length];
        violations.stream().filter(v -> !v.overturned()).forEach(v -> bySeverity[v.severity().ordinal()]++);
        Instant occurredFrom = random.nextBoolean() ? earliestCounted(violations)
                : violations.stream().map(ReplayedViolation::occurredAt).min(Comparator.naturalOrder())
                .orElse(AFTER_ROLLOUT);
        return new ViolationCounts(bySeverity[Severity.MINOR.ordinal()], bySeverity[Severity.MODERATE.ordinal()],
                bySeverity[Severity.SERIOUS.ordinal()], bySeverity[Severity.SEVERE.ordinal()], occurredFrom);
    }

    private static Instant earliestCounted(List<ReplayedViolation> violations) {
        return violations.stream().filter(v -> !v.overturned()).map(ReplayedViolation::occurredAt)
                .min(Comparator.naturalOrder()).orElse(AFTER_ROLLOUT);
    }
}
