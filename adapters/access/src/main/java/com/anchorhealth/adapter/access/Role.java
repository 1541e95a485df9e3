package com.anchorhealth.adapter.access;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a bearer token may do (DESIGN §11), as the tokens file names it. Every role may read, within
 * its scope; the administrator may do everything.
 */
public enum Role {
    ADMIN,
    /** Platform staff: decide appeals, record guild violations, create guilds, manage members and profiles. */
    MODERATOR,
    /** A guild's staff, scoped to the guilds its token names. */
    GUILD_MANAGER,
    READER,
    /** The platform's feeds: profiles without membership, violations, appeals, learning tasks. */
    INGEST;

    /** The role of the first tokens files, whose rights {@link #MODERATOR} has kept. */
    private static final String EARLIER_BACKOFFICE = "backoffice";

    /** Whether a caller in this role may call a method that requires {@code required}. */
    public boolean covers(Role required) {
        return this == ADMIN || required == READER || required == this;
    }

    /** Whether a token of this role may name the guilds it sees: it must for a guild manager. */
    public boolean takesGuilds() {
        return this == GUILD_MANAGER || this == READER;
    }

    /** The name in the tokens file and in messages: {@code reader}, {@code guild_manager}, … */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> fromLabel(String label) {
        if (label.equals(EARLIER_BACKOFFICE)) {
            return Optional.of(MODERATOR);
        }
        return Arrays.stream(values()).filter(role -> role.label().equals(label)).findFirst();
    }
}
