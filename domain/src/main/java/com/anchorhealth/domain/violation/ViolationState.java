package com.anchorhealth.domain.violation;

public enum ViolationState {
    /** Counted in the score. */
    ACTIVE,
    /** Recorded without a deduction: the rollout did not cover the anchor when it happened. */
    OUT_OF_SCOPE,
    /** Overturned on appeal: excluded from the score, as if it had never been recorded. */
    OVERTURNED
}
