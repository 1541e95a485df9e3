package com.anchorhealth.adapter.web;

import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The page an irreversible form leads to first: what it will do, and the same form again with
 * {@code confirmed=yes}; only that second POST acts. The form's request id goes back with it, so a
 * double click on Confirm still counts once. The CSRF check is the same for both POSTs.
 */
public record Confirmation(String title, String consequence, List<Fact> facts, String action,
                           Map<String, String> fields, String button, String cancel) {
    static final String FIELD = "confirmed";

    /** One thing the visitor is about to act on: the anchor, the violation, the points, … */
    public record Fact(String label, String value) {
    }

    /** Whether this POST is the one sent from the confirmation page. */
    static boolean given(Context ctx) {
        return "yes".equals(ctx.formParam(FIELD));
    }

    /** The fields the visitor sent, to send again: all but the CSRF token, which the page adds anew. */
    static Map<String, String> resent(Context ctx) {
        Map<String, String> fields = new LinkedHashMap<>();
        ctx.formParamMap().forEach((name, values) -> {
            if (!name.equals(Console.CSRF_FIELD) && !name.equals(FIELD) && !values.isEmpty()) {
                fields.put(name, values.get(0));
            }
        });
        return fields;
    }

    /** Shows what the form will do; nothing is written. */
    void ask(Context ctx) {
        Console.render(ctx, "confirm.jte", Map.of("confirmation", this));
    }
}
