package com.anchorhealth.domain.guild;

public enum GuildEventKind {
    INITIAL,
    OWN_VIOLATION,
    MEMBER_VIOLATION,
    RESTORATION
}
