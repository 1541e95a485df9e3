package com.anchorhealth.adapter.web;

import com.anchorhealth.application.guild.ListPublicNotices;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;

import java.util.Map;

/** The public notices, newest first: open to anyone, signed in or not. */
final class NoticePages implements Pages {
    private final ListPublicNotices notices;

    @Inject
    NoticePages(ListPublicNotices notices) {
        this.notices = notices;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/notices", this::list);
    }

    private void list(Context ctx) {
        var page = notices.list(Forms.page(ctx.queryParam("after")));
        Console.render(ctx, "notices.jte", Map.of("notices", page.items(), "next", page.nextAfter().orElse("")));
    }
}
