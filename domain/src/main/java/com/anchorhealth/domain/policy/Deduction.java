package com.anchorhealth.domain.policy;

/** Points a violation costs: the base from the matrix plus the audience surcharge. */
public record Deduction(int basePoints, int surchargePoints) {
    public int total() {
        return basePoints + surchargePoints;
    }
}
