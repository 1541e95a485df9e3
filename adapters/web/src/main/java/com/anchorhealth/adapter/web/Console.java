package com.anchorhealth.adapter.web;

import com.anchorhealth.application.call.Caller;
import com.anchorhealth.application.call.Scope;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.SameSite;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** What every page handler does with a request: its frame, its checks, its rendering and its answer. */
final class Console {
    static final String SESSION_COOKIE = "ah_session";
    static final String LANGUAGE_COOKIE = "ah_lang";
    static final String NOTICE_COOKIE = "ah_notice";
    static final String CSRF_FIELD = "csrf";
    static final String FRAME = "anchorhealth.frame";
    static final String SESSION = "anchorhealth.session";
    private static final char SEPARATOR = '\u001f';
    /** The templates were compiled with the module: nothing is compiled while the server runs. */
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    private Console() {
    }

    static Frame frame(Context ctx) {
        return ctx.attribute(FRAME);
    }

    /** The visitor as the use cases know callers: the author of writes, with the guilds they see. */
    static Caller caller(Context ctx) {
        return frame(ctx).visitor().caller();
    }

    static Scope scope(Context ctx) {
        return frame(ctx).visitor().scope();
    }

    static Labels labels(Context ctx) {
        return frame(ctx).labels();
    }

    /**
     * Refuses (403) what the visitor's role may not call; a form a reader never saw is still refused.
     * The label may tell the role by its code or in words, and the method that needs another.
     */
    static void require(Context ctx, String method) {
        Frame frame = frame(ctx);
        if (!frame.may(method)) {
            Labels t = frame.labels();
            throw new ForbiddenResponse(t.t("error.role", frame.visitor().actor(), frame.visitor().roleLabel(), method,
                    t.t("role." + frame.visitor().roleLabel())));
        }
    }

    /** Renders a template of {@code src/main/jte} with the frame and the given parameters. */
    static void render(Context ctx, String template, Map<String, Object> parameters) {
        Map<String, Object> all = new HashMap<>(parameters);
        all.put("frame", frame(ctx));
        StringOutput output = new StringOutput();
        TEMPLATES.render(template, all, output);
        ctx.contentType("text/html; charset=utf-8").result(output.toString());
    }

    /** After a form: back to a page (303, so a reload does not send the form again), with a notice. */
    static void redirectWithNotice(Context ctx, String location, String labelKey, Object... arguments) {
        String text = labelKey + SEPARATOR + Arrays.stream(arguments).map(String::valueOf)
                .collect(Collectors.joining(String.valueOf(SEPARATOR)));
        ConsoleAccess access = ctx.appData(WebConsole.ACCESS);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8))
                + "." + access.sign(text);
        ctx.cookie(cookie(NOTICE_COOKIE, value, 60, access.secureCookies()));
        ctx.redirect(location, HttpStatus.SEE_OTHER);
    }

    /** The notice a form left, in the visitor's language; it is shown once. */
    static Optional<String> takeNotice(Context ctx, ConsoleAccess access, Labels labels) {
        String value = ctx.cookie(NOTICE_COOKIE);
        if (value == null) {
            return Optional.empty();
        }
        ctx.cookie(cookie(NOTICE_COOKIE, "", 0, access.secureCookies()));
        int dot = value.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String text;
        try {
            text = new String(Base64.getUrlDecoder().decode(value.substring(0, dot)), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!access.signedBy(text, value.substring(dot + 1))) {
            return Optional.empty();
        }
        String[] parts = text.split(String.valueOf(SEPARATOR), -1);
        Object[] arguments = Arrays.copyOfRange(parts, 1, parts.length);
        if (arguments.length == 1 && arguments[0].equals("")) {
            arguments = new Object[0];
        }
        return Optional.of(labels.t(parts[0], arguments));
    }

    /** HttpOnly and SameSite=Strict always; Secure when the browser comes over TLS. */
    static Cookie cookie(String name, String value, int maxAgeSeconds, boolean secure) {
        return new Cookie(name, value, "/", maxAgeSeconds, secure, true, null, SameSite.STRICT);
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
