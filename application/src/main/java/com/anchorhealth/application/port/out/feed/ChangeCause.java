package com.anchorhealth.application.port.out.feed;

/** What changed an anchor's standing. */
public enum ChangeCause {
    ANCHOR_REGISTERED,
    VIOLATION_RECORDED,
    APPEAL_OVERTURNED,
    RECOVERY,
    SCORE_ADJUSTED
}
