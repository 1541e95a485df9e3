package com.anchorhealth.domain.vocabulary;

/** The rungs of the sanction ladder, from the top. */
public enum Tier {
    NORMAL,
    RESTRICTED,
    SEVERELY_RESTRICTED,
    REVOKED;

    /** The rung below this one, or null at the bottom. */
    public Tier next() {
        return this == REVOKED ? null : values()[ordinal() + 1];
    }
}
