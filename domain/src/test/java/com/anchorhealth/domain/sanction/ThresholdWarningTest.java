package com.anchorhealth.domain.sanction;

import com.anchorhealth.domain.fixtures.Policies;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DESIGN.md section 6: a warning within 5 points (the default margin) above a threshold. */
class ThresholdWarningTest {

    @ParameterizedTest(name = "score {0} under thresholds 40/20/1")
    @CsvSource({
            "100, , , ",
            "46,  , , ",
            "45,  RESTRICTED,          40, 5",
            "40,  RESTRICTED,          40, 0",
            "39,  , , ",
            "25,  SEVERELY_RESTRICTED, 20, 5",
            "20,  SEVERELY_RESTRICTED, 20, 0",
            "6,   REVOKED,             1,  5",
            "1,   REVOKED,             1,  0",
            "0,   , , "})
    void warnsWithinTheMarginAboveTheNextThresholdDown(int score, Tier nextTierDown, Integer threshold,
                                                        Integer pointsToNext) {
        assertEquals(expected(nextTierDown, threshold, pointsToNext), ThresholdWarning.of(Policies.defaults(), score));
    }

    @ParameterizedTest(name = "score {0} under thresholds 60/30/1")
    @CsvSource({"66, , , ", "63, RESTRICTED, 60, 3", "44, , , ", "31, SEVERELY_RESTRICTED, 30, 1"})
    void followsThePolicysThresholds(int score, Tier nextTierDown, Integer threshold, Integer pointsToNext) {
        Policy strict = Policies.changed().thresholds(60, 30, 1).build();
        assertEquals(expected(nextTierDown, threshold, pointsToNext), ThresholdWarning.of(strict, score));
    }

    private static Optional<ThresholdWarning> expected(Tier nextTierDown, Integer threshold, Integer pointsToNext) {
        return nextTierDown == null ? Optional.empty()
                : Optional.of(new ThresholdWarning(nextTierDown, threshold, pointsToNext));
    }
}
