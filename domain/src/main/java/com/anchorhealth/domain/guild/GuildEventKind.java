package com.anchorhealth.domain.guild;

public enum GuildEventKind {
    INITIAL,
    OWN_VIOLATION,
    MEMBER_VIOLATION,
    RESTORATION,
    /** An anchor joined the guild; the score does not move. */
    MEMBER_JOINED,
    /** A member was released; the score does not move. */
    MEMBER_RELEASED
}
