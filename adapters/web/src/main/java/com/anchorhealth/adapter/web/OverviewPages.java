package com.anchorhealth.adapter.web;

import com.anchorhealth.application.appeal.ReadAppeals;
import com.anchorhealth.application.overview.ReadOverview;
import com.anchorhealth.application.port.out.PageRequest;
import com.anchorhealth.domain.appeal.AppealState;
import com.anchorhealth.domain.vocabulary.Tier;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The first page: the ladder at a glance, recent drops, anchors near a threshold, the latest notices. */
final class OverviewPages implements Pages {
    private final ReadOverview overview;
    private final ReadAppeals appeals;

    @Inject
    OverviewPages(ReadOverview overview, ReadAppeals appeals) {
        this.overview = overview;
        this.appeals = appeals;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/", this::overview);
    }

    private void overview(Context ctx) {
        Console.require(ctx, Methods.LIST_ANCHORS);
        ReadOverview.Overview read = overview.read(Console.scope(ctx));
        Console.render(ctx, "overview.jte", Map.of("overview", read,
                "tierChart", tierChart(read.tiers(), Console.labels(ctx)),
                "pendingAppeals", appeals.list(Console.scope(ctx), Optional.empty(), Optional.of(AppealState.PENDING),
                        PageRequest.first(ReadOverview.ROWS)).items()));
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
