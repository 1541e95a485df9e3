package com.anchorhealth.application.call;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;

/**
 * The guilds a caller may see (DESIGN §11): every guild, or only those its token names (a guild
 * manager, a scoped reader). Outside them an anchor or a guild is as if it did not exist.
 */
public final class Scope {
    public static final Scope EVERY_GUILD = new Scope(Optional.empty());

    /** Empty: every guild. */
    private final Optional<Set<String>> guilds;

    private Scope(Optional<Set<String>> guilds) {
        this.guilds = guilds;
    }

    /** Only these guilds; an empty set sees every guild. */
    public static Scope of(Collection<String> guilds) {
        return guilds.isEmpty() ? EVERY_GUILD : new Scope(Optional.of(Set.copyOf(guilds)));
    }

    public boolean restricted() {
        return guilds.isPresent();
    }

    /** The guilds of a restricted scope; empty for one that sees every guild. */
    public Optional<Set<String>> guilds() {
        return guilds;
    }

    public boolean seesGuild(String guildId) {
        return guilds.map(visible -> visible.contains(guildId)).orElse(true);
    }

    /** Whether an anchor of this guild (empty: of none) is visible: a restricted scope sees its guilds' members only. */
    public boolean seesMemberOf(Optional<String> guildId) {
        return guilds.isEmpty() || guildId.map(this::seesGuild).orElse(false);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Scope scope && scope.guilds.equals(guilds);
    }

    @Override
    public int hashCode() {
        return guilds.hashCode();
    }

    @Override
    public String toString() {
        return guilds.map(visible -> "guilds " + visible).orElse("every guild");
    }
}
