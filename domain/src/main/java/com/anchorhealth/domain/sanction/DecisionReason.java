package com.anchorhealth.domain.sanction;

/** Why a capability would be allowed or denied if enforced. */
public enum DecisionReason {
    TIER_ALLOWS,
    TIER_DENIES,
    SELLING_REVOKED,
    BELOW_INITIAL_SCORE,
    RECENT_VIOLATION,
    SESSION_HAS_VIOLATION,
    SESSION_WITHOUT_VIOLATION,
    UNKNOWN_ANCHOR
}
