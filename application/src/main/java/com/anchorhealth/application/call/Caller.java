package com.anchorhealth.application.call;

import java.util.Objects;
import java.util.Set;

/**
 * Who makes a call, for the writes whose rules depend on it: the actor recorded as their author, the
 * guilds the caller may see, and the guilds the actor manages under any of its tokens (nobody decides
 * an appeal of an anchor of such a guild, nor one they filed). A server without tokens cannot tell its
 * callers apart: they are all one unidentified actor, to whom those rules cannot apply.
 */
public record Caller(String actor, boolean identified, Scope scope, Set<String> managedGuilds) {
    public Caller {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(scope, "scope");
        managedGuilds = Set.copyOf(managedGuilds);
    }

    /** A token's holder. */
    public static Caller identified(String actor, Scope scope, Set<String> managedGuilds) {
        return new Caller(actor, true, scope, managedGuilds);
    }

    /** Whoever calls a server without tokens (on loopback only): everything is theirs. */
    public static Caller unidentified(String actor) {
        return new Caller(actor, false, Scope.EVERY_GUILD, Set.of());
    }
}
