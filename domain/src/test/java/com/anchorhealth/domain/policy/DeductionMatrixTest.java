package com.anchorhealth.domain.policy;

import com.anchorhealth.domain.fixtures.Anchors;
import com.anchorhealth.domain.fixtures.Policies;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** DESIGN.md section 2: the default severity-by-level matrix of base points. */
class DeductionMatrixTest {
    private final Policy policy = Policies.defaults();

    @ParameterizedTest(name = "{0} at level {1} costs {2} base points")
    @CsvSource({
            "MINOR,    1, 1", "MINOR,    2, 1", "MINOR,    3, 2", "MINOR,    4, 2",
            "MODERATE, 1, 2", "MODERATE, 2, 3", "MODERATE, 3, 3", "MODERATE, 4, 4",
            "SERIOUS,  1, 4", "SERIOUS,  2, 5", "SERIOUS,  3, 6", "SERIOUS,  4, 6",
            "SEVERE,   1, 6", "SEVERE,   2, 7", "SEVERE,   3, 8", "SEVERE,   4, 8"})
    void baseDeductionDependsOnSeverityAndLevel(Severity severity, int level, int points) {
        AnchorProfile smallAudience = Anchors.anchor("anchor-1").level(level).profile();

        Deduction deduction = policy.deductionFor(Policies.typeOf(severity), smallAudience);

        assertEquals(points, policy.deductions().basePoints(severity, level));
        assertEquals(points, deduction.basePoints());
        assertEquals(0, deduction.surchargePoints());
        assertEquals(points, deduction.total());
    }

    @Test
    void theTotalIsTheBasePlusTheAudienceSurcharge() {
        AnchorProfile popular = Anchors.anchor("anchor-1").level(3).fans(1_000_000).profile();

        Deduction deduction = policy.deductionFor(Policies.type("DANGEROUS_ACTS"), popular);

        assertEquals(6, deduction.basePoints());
        assertEquals(3, deduction.surchargePoints());
        assertEquals(9, deduction.total());
    }

    @Test
    void theLargestDeductionIsEightPlusFive() {
        AnchorProfile top = Anchors.anchor("anchor-1").level(4).fans(10_000_000).viewers(100_000).profile();

        assertEquals(13, policy.deductionFor(Policies.typeOf(Severity.SEVERE), top).total());
    }
}
