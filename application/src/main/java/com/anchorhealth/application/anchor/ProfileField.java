package com.anchorhealth.application.anchor;

/** The fields of an anchor's profile that an UpsertAnchor call may name in its update mask. */
public enum ProfileField {
    DISPLAY_NAME,
    CERTIFICATION,
    LEVEL,
    FAN_COUNT,
    AVERAGE_VIEWERS,
    GUILD_ID
}
