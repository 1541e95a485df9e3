package com.anchorhealth.adapter.web;

import com.anchorhealth.adapter.access.MethodRoles;
import com.anchorhealth.adapter.access.Role;
import com.anchorhealth.application.call.Caller;
import com.anchorhealth.application.call.Scope;

import java.util.Optional;
import java.util.Set;

/**
 * Who is at the browser: a token's holder once signed in, the local administrator of a console
 * without tokens, or nobody yet. What a visitor may do is what the gRPC method a form stands for
 * allows the visitor's role ({@link MethodRoles}); what they see is their token's guilds, as over gRPC.
 */
public record Visitor(Caller caller, Optional<Role> role, boolean localAdministrator) {
    /** The actor of the writes of a console served without tokens, on loopback only. */
    public static final String LOCAL_ADMINISTRATOR = "local-admin";
    static final Visitor NOBODY = new Visitor(Caller.identified("", Scope.EVERY_GUILD, Set.of()),
            Optional.empty(), false);
    static final Visitor LOCAL = new Visitor(Caller.unidentified(LOCAL_ADMINISTRATOR), Optional.of(Role.ADMIN), true);

    static Visitor holder(Caller caller, Role role) {
        return new Visitor(caller, Optional.of(role), false);
    }

    public String actor() {
        return caller.actor();
    }

    /** The guilds the visitor sees: every guild, or those of a guild manager's (or scoped reader's) token. */
    public Scope scope() {
        return caller.scope();
    }

    public boolean signedIn() {
        return role.isPresent();
    }

    /** Whether the visitor's role covers the gRPC method ({@code package.Service/Method}). */
    public boolean may(String method) {
        if (MethodRoles.isPublic(method)) {
            return true;
        }
        return role.isPresent() && MethodRoles.allows(role.get(), MethodRoles.required(method));
    }

    /** {@code reader}, {@code admin}, …, or empty before sign-in. */
    public String roleLabel() {
        return role.map(Role::label).orElse("");
    }
}
