package com.anchorhealth.adapter.web;

import com.anchorhealth.application.guild.ExplainNotices;
import com.anchorhealth.application.guild.ListPublicNotices;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The public notices, newest first: open to anyone, signed in or not. */
final class NoticePages implements Pages {
    private final ListPublicNotices notices;
    private final ExplainNotices explanations;

    @Inject
    NoticePages(ListPublicNotices notices, ExplainNotices explanations) {
        this.notices = notices;
        this.explanations = explanations;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/notices", this::list);
    }

    private void list(Context ctx) {
        var page = notices.list(Forms.page(ctx.queryParam("after")));
        Console.render(ctx, "notices.jte", Map.of("notices", explanations.explain(page.items(), namedMembers(ctx)),
                "next", page.nextAfter().orElse("")));
    }

    /**
     * Whose names a notice's charge may give: those of the anchors the visitor sees (as their guild's
     * ledger does), none for a visitor who may not open an anchor's page (the page is public).
     */
    static Optional<Set<String>> namedMembers(Context ctx) {
        return Console.frame(ctx).may(Methods.GET_ANCHOR) ? Console.scope(ctx).guilds() : Optional.of(Set.of());
    }
}
