package com.anchorhealth.adapter.grpc;

import com.anchorhealth.adapter.access.MethodRoles;
import com.anchorhealth.adapter.access.Role;
import com.anchorhealth.application.call.Caller;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.PermissionDeniedException;
import io.grpc.Context;

import java.util.Set;

/**
 * Who is calling: set by the authenticating interceptor, recorded as the actor of every write, with
 * the guilds the caller sees and its role for the checks a method makes on the fields it is sent.
 * With no tokens configured every caller is {@value #ANONYMOUS} and may do everything, as the
 * loopback-only server allows.
 */
public final class Callers {
    public static final String ANONYMOUS = "anonymous";
    static final Context.Key<Caller> CALLER = Context.keyWithDefault("anchorhealth-caller",
            Caller.unidentified(ANONYMOUS));
    static final Context.Key<Role> ROLE = Context.keyWithDefault("anchorhealth-role", Role.ADMIN);

    private Callers() {
    }

    static Caller current() {
        return CALLER.get();
    }

    public static String actor() {
        return CALLER.get().actor();
    }

    static Scope scope() {
        return CALLER.get().scope();
    }

    /** Refuses, before anything is written, a caller whose role may not write {@code field} through the method. */
    static void requireRoleToWrite(String fullMethodName, String field) {
        Role role = ROLE.get();
        Set<Role> required = MethodRoles.requiredToWrite(fullMethodName, field);
        if (!MethodRoles.allows(role, required)) {
            throw new PermissionDeniedException(GrpcErrors.ROLE_NOT_PERMITTED, actor() + " (role " + role.label()
                    + ") may not write " + field
                    + " through " + fullMethodName + ": it needs the role " + MethodRoles.labels(required));
        }
    }
}
