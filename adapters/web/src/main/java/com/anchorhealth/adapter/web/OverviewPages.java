package com.anchorhealth.adapter.web;

import com.anchorhealth.application.guild.ExplainNotices;
import com.anchorhealth.application.overview.ReadOverview;
import com.anchorhealth.application.overview.ReadTierDrops;
import com.anchorhealth.domain.vocabulary.Tier;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The first page: the ladder at a glance, recent drops, anchors near a threshold, the latest notices;
 * and every tier drop the change feed holds, paged.
 */
final class OverviewPages implements Pages {
    private final ReadOverview overview;
    private final ReadTierDrops drops;
    private final ExplainNotices explanations;

    @Inject
    OverviewPages(ReadOverview overview, ReadTierDrops drops, ExplainNotices explanations) {
        this.overview = overview;
        this.drops = drops;
        this.explanations = explanations;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/", this::overview);
        routes.get("/drops", this::drops);
    }

    private void overview(Context ctx) {
        Console.require(ctx, Methods.LIST_ANCHORS);
        ReadOverview.Overview read = overview.read(Console.scope(ctx));
        Console.render(ctx, "overview.jte", Map.of("overview", read,
                "latestNotices", explanations.explain(read.latestNotices(), NoticePages.namedMembers(ctx)),
                "tierChart", tierChart(read.tiers(), Console.labels(ctx))));
    }

    private void drops(Context ctx) {
        Console.require(ctx, Methods.LIST_ANCHORS);
        ReadTierDrops.Drops read = drops.read(Console.scope(ctx), ListPosition.of(ctx, "").request(Forms.PAGE_SIZE,
                false));
        Console.render(ctx, "drops.jte", Map.of("drops", read, "pager", Pager.links(read.drops(), "", false,
                position -> "/drops" + (position.isEmpty() ? "" : "?" + position))));
    }

    static Charts.BarChart tierChart(Map<Tier, Long> counts, Labels labels) {
        List<String> categories = new ArrayList<>();
        List<List<Charts.Bar>> groups = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            categories.add(labels.of("tier", tier));
            groups.add(List.of(new Charts.Bar(labels.of("tier", tier), counts.getOrDefault(tier, 0L),
                    tier.name().toLowerCase(Locale.ROOT).replace('_', '-'))));
        }
        return Charts.grouped(categories, groups);
    }
}
