package com.anchorhealth.domain.policy;

import com.anchorhealth.domain.fixtures.Policies;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Set;
import java.util.stream.Stream;

import static com.anchorhealth.domain.vocabulary.Capability.GIFTS;
import static com.anchorhealth.domain.vocabulary.Capability.LIVE_BROADCAST;
import static com.anchorhealth.domain.vocabulary.Capability.LIVE_RECOMMENDATION;
import static com.anchorhealth.domain.vocabulary.Capability.PK;
import static com.anchorhealth.domain.vocabulary.Capability.WITHDRAW_VIOLATION_INCOME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** DESIGN.md section 3: the sanction ladder with strict "below" thresholds 40 / 20 / 1. */
class ThresholdsTest {
    private final Policy policy = Policies.defaults();
    private final Thresholds thresholds = policy.thresholds();

    @ParameterizedTest(name = "score {0} is {1}, {2} points above the next tier down")
    @CsvSource({
            "120, NORMAL, 80",
            "100, NORMAL, 60",
            "41,  NORMAL, 1",
            "40,  NORMAL, 0",
            "39,  RESTRICTED, 19",
            "20,  RESTRICTED, 0",
            "19,  SEVERELY_RESTRICTED, 18",
            "1,   SEVERELY_RESTRICTED, 0",
            "0,   REVOKED, 0"})
    void tierAndPointsToTheNextThreshold(int score, Tier tier, int pointsToNext) {
        assertEquals(tier, thresholds.tierFor(score));
        assertEquals(pointsToNext, thresholds.pointsToNextThreshold(score));
    }

    @ParameterizedTest(name = "the lowest score of {0} is {1}")
    @CsvSource({"NORMAL, 40", "RESTRICTED, 20", "SEVERELY_RESTRICTED, 1", "REVOKED, 0"})
    void floorOfEachTier(Tier tier, int floor) {
        assertEquals(floor, thresholds.floorOf(tier));
        assertEquals(tier, thresholds.tierFor(floor));
    }

    @ParameterizedTest(name = "the highest score of {0} is {1}")
    @CsvSource({"RESTRICTED, 39", "SEVERELY_RESTRICTED, 19", "REVOKED, 0"})
    void ceilingOfEachTierBelowTheTop(Tier tier, int ceiling) {
        assertEquals(ceiling, thresholds.ceilingOf(tier));
        assertEquals(tier, thresholds.tierFor(ceiling));
        assertNotEquals(tier, thresholds.tierFor(ceiling + 1), "one point more is the tier above");
    }

    @Test
    void theTopTierHasNoCeiling() {
        assertEquals(Integer.MAX_VALUE, thresholds.ceilingOf(Tier.NORMAL));
    }

    static Stream<Arguments> sanctionsByTier() {
        return Stream.of(
                arguments(Tier.NORMAL, Set.of()),
                arguments(Tier.RESTRICTED, Set.of(LIVE_RECOMMENDATION, PK)),
                arguments(Tier.SEVERELY_RESTRICTED, Set.of(LIVE_RECOMMENDATION, PK, GIFTS, WITHDRAW_VIOLATION_INCOME)),
                arguments(Tier.REVOKED,
                        Set.of(LIVE_RECOMMENDATION, PK, GIFTS, WITHDRAW_VIOLATION_INCOME, LIVE_BROADCAST)));
    }

    @ParameterizedTest(name = "{0} denies {1}")
    @MethodSource("sanctionsByTier")
    void eachTierDeniesItsCapabilities(Tier tier, Set<Capability> denied) {
        assertEquals(denied, policy.deniedBy(tier));
    }

    @Test
    void fallingATierNeverGivesACapabilityBack() {
        for (Tier tier = Tier.NORMAL; tier.next() != null; tier = tier.next()) {
            assertTrue(policy.deniedBy(tier.next()).containsAll(policy.deniedBy(tier)), tier.next() + " vs " + tier);
        }
    }
}
