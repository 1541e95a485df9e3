package com.anchorhealth.adapter.grpc;

import com.anchorhealth.adapter.access.BearerTokens;
import com.anchorhealth.adapter.access.MethodRoles;
import com.anchorhealth.adapter.access.Role;
import com.anchorhealth.application.call.Caller;
import com.anchorhealth.application.call.Scope;
import com.google.rpc.Code;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Lets a call through only with a bearer token ({@code authorization: Bearer <token>}) whose role
 * covers the method ({@link MethodRoles}), and makes the token's holder the caller
 * ({@link Callers#CALLER}): the author of what the call writes, seeing the guilds its token names, with its role for the checks a method makes on the fields it is sent
 * ({@link Callers#requireRoleToWrite}). Public methods need no token; with no tokens configured nothing
 * is checked and every caller is {@value Callers#ANONYMOUS}. Refused calls are logged, at most one
 * line a second.
 */
public final class AuthorizationInterceptor implements ServerInterceptor {
    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "Bearer ";

    private static final Logger LOG = Logger.getLogger(AuthorizationInterceptor.class.getName());

    /** Read per call: the tokens file may be re-read while the server runs. */
    private final Supplier<BearerTokens> tokens;
    /** A flood of refused calls must not become a flood of log lines. */
    private final RateLimitedLog refusals = new RateLimitedLog(LOG, Duration.ofSeconds(1));

    public AuthorizationInterceptor(Supplier<BearerTokens> tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        BearerTokens tokens = this.tokens.get();
        if (tokens.isEmpty() || MethodRoles.isPublic(method)) {
            return next.startCall(call, headers);
        }
        String authorization = headers.get(AUTHORIZATION);
        if (authorization == null) {
            return refuse(call, GrpcErrors.accessRefused(Code.UNAUTHENTICATED,
                    "missing bearer token: send the metadata 'authorization: Bearer <token>'", "BEARER_TOKEN_MISSING"));
        }
        // The scheme is case-insensitive (RFC 7235).
        if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return refuse(call, GrpcErrors.accessRefused(Code.UNAUTHENTICATED,
                    "the authorization metadata must be 'Bearer <token>'", "BEARER_TOKEN_MALFORMED"));
        }
        Optional<BearerTokens.Holder> holder = tokens.holderOf(authorization.substring(BEARER.length()).strip());
        if (holder.isEmpty()) {
            return refuse(call, GrpcErrors.accessRefused(Code.UNAUTHENTICATED, "unknown bearer token",
                    "BEARER_TOKEN_UNKNOWN"));
        }
        String actor = holder.get().actor();
        Role role = holder.get().role();
        Set<Role> required = MethodRoles.required(method);
        if (!MethodRoles.allows(role, required)) {
            return refuse(call, GrpcErrors.accessRefused(Code.PERMISSION_DENIED, actor + " (role " + role.label()
                    + ") may not call " + method + (required.isEmpty() ? ": no role may call it"
                    : ": it needs the role " + MethodRoles.labels(required)), GrpcErrors.ROLE_NOT_PERMITTED));
        }
        Caller caller = Caller.identified(actor, Scope.of(holder.get().guilds()), tokens.guildsManagedBy(actor));
        return Contexts.interceptCall(Context.current().withValue(Callers.CALLER, caller).withValue(Callers.ROLE, role),
                call, headers, next);
    }

    private <Q> ServerCall.Listener<Q> refuse(ServerCall<Q, ?> call, StatusRuntimeException refusal) {
        refusals.warn(() -> "refused " + call.getMethodDescriptor().getFullMethodName() + " from "
                + call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR) + ": " + refusal.getStatus().getCode()
                + " " + refusal.getStatus().getDescription());
        call.close(refusal.getStatus(), refusal.getTrailers());
        return new ServerCall.Listener<>() {
        };
    }
}
