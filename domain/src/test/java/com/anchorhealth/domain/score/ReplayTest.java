package com.anchorhealth.domain.score;

import com.anchorhealth.domain.policy.DeductionMatrix;
import com.anchorhealth.domain.policy.DefaultPolicy;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Certification;
import com.anchorhealth.domain.vocabulary.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReplayTest {
    private static final Instant ENFORCED = Instant.parse("2024-06-01T00:00:00Z");
    private static final Instant BEFORE_TRIAL = Instant.parse("2023-01-01T00:00:00Z");

    @ParameterizedTest(name = "{0} x {1} at level {2}, {3} fans, {4} → {6} default / {7} doubled")
    @CsvSource({
            // severity, count, level, fans, certification, occurred, default, doubled matrix
            "MINOR,    3, 1, 0,         NONE,   ENFORCED,     97, 94",
            "SEVERE,   5, 1, 0,         NONE,   ENFORCED,     70, 60",
            "SEVERE,   5, 1, 1000000,   NONE,   ENFORCED,     55, 45",
            "SERIOUS, 30, 2, 0,         NONE,   ENFORCED,      0, 0",
            "MODERATE, 2, 3, 0,         EXPERT, ENFORCED,    114, 108",
            "SEVERE,   4, 4, 0,         NONE,   BEFORE_TRIAL, 100, 100",
    })
    void violationsArePricedAndScopedByTheCandidateAndClamped(Severity severity, int count, int level, long fans,
                                                               Certification certification, String occurred,
                                                               int underDefault, int underDoubled) {
        AnchorProfile profile = new AnchorProfile(new AnchorId("mia"), "Mia", certification, level, fans, 0,
                Optional.empty());
        Instant at = occurred.equals("ENFORCED") ? ENFORCED : BEFORE_TRIAL;
        List<ReplayedViolation> violations = Collections.nCopies(count, violation(severity, at));

        assertEquals(underDefault, Replay.scoreUnder(DefaultPolicy.candidate(), profile, violations, List.of()));
        assertEquals(underDoubled, Replay.scoreUnder(doubled(DefaultPolicy.candidate()), profile, violations,
                List.of()));
    }

    @ParameterizedTest(name = "a recovery credit {0} days after the violations: {1}")
    @CsvSource({"-1, 70", "1, 71"})
    void recoveryCreditsCountWhereTheyFellSoTheCeilingClampsThemAsItDid(int daysAfter, int score) {
        AnchorProfile profile = new AnchorProfile(new AnchorId("mia"), "Mia", Certification.NONE, 1, 0, 0,
                Optional.empty());
        List<ReplayedViolation> violations = Collections.nCopies(5, violation(Severity.SEVERE, ENFORCED));
        KeptEntry credit = new KeptEntry(ENFORCED.plus(Duration.ofDays(daysAfter)), 1);
        assertEquals(score, Replay.scoreUnder(DefaultPolicy.candidate(), profile, violations, List.of(credit)));
    }

    @ParameterizedTest(name = "an adjustment of {0} {1} days after the violations: {2}")
    @CsvSource({
            // delta, days after, default policy, doubled matrix (5 x SEVERE at level 1: 30 or 40 points)
            "-20, 1,  50, 40",
            "-20, -1, 50, 40",
            "40, 1,  100, 100",
            "40, -1,  70, 60",
    })
    void adjustmentsAreKeptAsAskedWhereTheyFell(int delta, int daysAfter, int underDefault, int underDoubled) {
        AnchorProfile profile = new AnchorProfile(new AnchorId("mia"), "Mia", Certification.NONE, 1, 0, 0,
                Optional.empty());
        List<ReplayedViolation> violations = Collections.nCopies(5, violation(Severity.SEVERE, ENFORCED));
        KeptEntry adjustment = new KeptEntry(ENFORCED.plus(Duration.ofDays(daysAfter)), delta);
        assertEquals(underDefault, Replay.scoreUnder(DefaultPolicy.candidate(), profile, violations,
                List.of(adjustment)));
        assertEquals(underDoubled, Replay.scoreUnder(doubled(DefaultPolicy.candidate()), profile, violations,
                List.of(adjustment)));
    }

    @Test
    void anOverturnedViolationCountsForNothing() {
        AnchorProfile profile = new AnchorProfile(new AnchorId("mia"), "Mia", Certification.NONE, 1, 0, 0,
                Optional.empty());
        List<ReplayedViolation> violations = List.of(violation(Severity.SEVERE, ENFORCED),
                new ReplayedViolation(ENFORCED.plusSeconds(1), ENFORCED, Severity.SEVERE, true));
        assertEquals(94, Replay.scoreUnder(DefaultPolicy.candidate(), profile, violations, List.of()));
    }

    private static Policy doubled(Policy policy) {
        Map<Severity, List<Integer>> rows = new EnumMap<>(Severity.class);
        policy.deductions().rows().forEach((severity, points) ->
                rows.put(severity, points.stream().map(p -> Math.min(8, p * 2)).toList()));
        return new Policy(0, policy.effectiveAt(), policy.initialScore(), policy.certifiedInitialScore(),
                policy.violationTypes(), new DeductionMatrix(rows), policy.audienceSurcharges(), policy.thresholds(),
                policy.tierSanctions(), policy.phases(), policy.trafficSupportCleanDays(), policy.warningMargin(),
                policy.appealWindowDays(), policy.sessionSettlementDays(), policy.guildRules(), policy.recovery());
    }

    private static ReplayedViolation violation(Severity severity, Instant at) {
        return new ReplayedViolation(at, at, severity, false);
    }
}
