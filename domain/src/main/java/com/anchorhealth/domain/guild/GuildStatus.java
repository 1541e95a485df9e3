package com.anchorhealth.domain.guild;

public enum GuildStatus {
    ACTIVE,
    /** Removed at or below the removal score; final, whatever is restored later. */
    REMOVED
}
