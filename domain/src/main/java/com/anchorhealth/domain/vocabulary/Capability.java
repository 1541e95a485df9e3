package com.anchorhealth.domain.vocabulary;

/** What other services ask permission for. */
public enum Capability {
    LIVE_RECOMMENDATION,
    PK,
    GIFTS,
    /** Withdrawing income earned in a live session with a recorded violation. */
    WITHDRAW_VIOLATION_INCOME,
    LIVE_BROADCAST,
    ECOMMERCE_SELLING,
    /** The quality-creator traffic boost: a grant, not a sanction. */
    TRAFFIC_SUPPORT
}
