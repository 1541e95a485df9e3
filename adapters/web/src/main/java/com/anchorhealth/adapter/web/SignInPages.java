package com.anchorhealth.adapter.web;

import com.anchorhealth.adapter.access.BearerTokens;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sign-in with a bearer token of the tokens file, and sign-out. A successful sign-in starts a new
 * session (a new nonce, so a session fixed beforehand is worth nothing) that acts as the token's holder.
 */
final class SignInPages implements Pages {
    /** A slash, then anything but a second slash or a backslash, in characters of a URL's path and query. */
    private static final Pattern CONSOLE_PATH = Pattern.compile("/(?![/\\\\])[A-Za-z0-9._~!$&'()*+,;=:@/?%-]*");

    private final ConsoleAccess access;

    @Inject
    SignInPages(ConsoleAccess access) {
        this.access = access;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/sign-in", ctx -> form(ctx, HttpStatus.OK, false));
        routes.post("/sign-in", this::signIn);
        routes.post("/sign-out", this::signOut);
    }

    private void form(Context ctx, HttpStatus status, boolean failed) {
        ctx.status(status);
        Console.render(ctx, "sign-in.jte", Map.of("next", next(ctx), "failed", failed));
    }

    private void signIn(Context ctx) {
        Optional<BearerTokens.Holder> holder = access.holderOf(Forms.optionalText(ctx.formParam("token")));
        if (holder.isEmpty()) {
            form(ctx, HttpStatus.UNAUTHORIZED, true);
            return;
        }
        WebConsole.keep(ctx, access, access.signIn(holder.get().tokenHash()));
        ctx.redirect(next(ctx), HttpStatus.SEE_OTHER);
    }

    /** Ends the session on the server, so that no copy of its cookie stays signed in. */
    private void signOut(Context ctx) {
        access.signOut(ctx.attribute(Console.SESSION));
        WebConsole.keep(ctx, access, access.anonymousSession());
        ctx.redirect("/sign-in", HttpStatus.SEE_OTHER);
    }

    /**
     * Where to go after sign-in: a path of this console only, never another site. Only the characters
     * a path and query may hold: browsers drop tabs and newlines and read a backslash as a slash, so
     * {@code /<tab>/evil.example} would lead to another host.
     */
    private static String next(Context ctx) {
        String next = Optional.ofNullable(ctx.formParam("next")).orElse(ctx.queryParam("next"));
        if (next == null || !CONSOLE_PATH.matcher(next).matches() || next.startsWith("/sign-")) {
            return "/";
        }
        return next;
    }
}
