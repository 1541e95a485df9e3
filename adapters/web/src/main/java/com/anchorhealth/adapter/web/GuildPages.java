package com.anchorhealth.adapter.web;

import com.anchorhealth.application.anchor.AnchorView;
import com.anchorhealth.application.anchor.ListAnchors;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.guild.GuildCommands;
import com.anchorhealth.application.guild.GuildView;
import com.anchorhealth.application.guild.ListGuildEvents;
import com.anchorhealth.application.guild.ListPublicNotices;
import com.anchorhealth.application.guild.ManageGuilds;
import com.anchorhealth.application.guild.RecordGuildViolation;
import com.anchorhealth.application.policy.ReadPolicies;
import com.anchorhealth.application.port.out.CountedPage;
import com.anchorhealth.domain.guild.GuildEvent;
import com.anchorhealth.domain.guild.GuildStatus;
import com.anchorhealth.domain.vocabulary.Severity;
import com.anchorhealth.domain.vocabulary.Tier;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The guilds: list with filters, and one guild's score, members, violations and removal. */
final class GuildPages implements Pages {
    private final ManageGuilds guilds;
    private final RecordGuildViolation guildViolations;
    private final ListAnchors anchors;
    private final ListPublicNotices notices;
    private final ListGuildEvents events;
    private final ReadPolicies policies;

    @Inject
    GuildPages(ManageGuilds guilds, RecordGuildViolation guildViolations, ListAnchors anchors,
               ListPublicNotices notices, ListGuildEvents events, ReadPolicies policies) {
        this.guilds = guilds;
        this.guildViolations = guildViolations;
        this.anchors = anchors;
        this.notices = notices;
        this.events = events;
        this.policies = policies;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/guilds", this::list);
        routes.post("/guilds", this::create);
        routes.get("/guilds/{id}", this::guild);
        routes.post("/guilds/{id}/violations", this::recordViolation);
        routes.post("/guilds/{id}/members", ctx -> changeMembership(ctx, true));
        routes.post("/guilds/{id}/members/remove", ctx -> changeMembership(ctx, false));
    }

    private void list(Context ctx) {
        Console.require(ctx, Methods.LIST_GUILDS);
        GuildSearch filter = new GuildSearch(Forms.optionalText(ctx.queryParam("status")),
                Forms.optionalText(ctx.queryParam("min")), Forms.optionalText(ctx.queryParam("max")));
        CountedPage<GuildView> page = guilds.counted(Forms.choice(filter.status(), GuildStatus.class, "status"),
                Forms.integer(filter.min(), "min").orElse(Integer.MIN_VALUE),
                Forms.integer(filter.max(), "max").orElse(Integer.MAX_VALUE),
                ListPosition.of(ctx, "").request(Forms.PAGE_SIZE, false));
        Console.render(ctx, "guilds.jte", Map.of("filter", filter, "guilds", page.page().items(),
                "pager", Pager.counted(page, Forms.PAGE_SIZE, Console.labels(ctx),
                        position -> "/guilds?" + filter.query() + (position.isEmpty() ? "" : "&" + position)),
                "statuses", Arrays.asList(GuildStatus.values())));
    }

    private void create(Context ctx) {
        Console.require(ctx, Methods.CREATE_GUILD);
        GuildView created = guilds.create(GuildCommands.Create.of(Forms.optionalText(ctx.formParam("request_id")),
                Forms.optionalText(ctx.formParam("guild_id")), Forms.optionalText(ctx.formParam("display_name"))),
                Console.frame(ctx).visitor().actor(), Deadline.ofCallerWithoutOne());
        Console.redirectWithNotice(ctx, "/guilds/" + created.guild().guildId(), "notice.guild-created",
                created.guild().guildId());
    }

    private void guild(Context ctx) {
        Console.require(ctx, Methods.LIST_GUILDS);
        String guildId = ctx.pathParam("id");
        GuildView guild = guilds.get(guildId);
        String tier = Forms.optionalText(ctx.queryParam("tier"));
        String sort = Forms.optionalText(ctx.queryParam("sort"));
        String filtered = "/guilds/" + Console.encode(guildId) + "?tier=" + Console.encode(tier);
        AnchorSorting sorting = new AnchorSorting(sort,
                order -> filtered + "&sort=" + Console.encode(order) + "#members");
        CountedPage<AnchorView> members = anchors.counted(new ListAnchors.Query(Forms.choice(tier, Tier.class, "tier"),
                Optional.of(guildId), Integer.MIN_VALUE, Integer.MAX_VALUE, Optional.empty(), sorting.order()),
                ListPosition.of(ctx, "").request(Forms.PAGE_SIZE, false));
        Map<String, Object> model = new HashMap<>();
        model.put("guild", guild);
        model.put("members", members.page().items());
        model.put("memberTier", tier);
        model.put("memberSort", sort);
        model.put("sorting", sorting);
        model.put("tiers", Arrays.asList(Tier.values()));
        model.put("pager", Pager.counted(members, Forms.PAGE_SIZE, Console.labels(ctx), position -> filtered
                + "&sort=" + Console.encode(sort) + (position.isEmpty() ? "" : "&" + position) + "#members"));
        model.put("notice", notices.about(ManageGuilds.name(guildId)));
        model.put("severities", Arrays.asList(Severity.values()));
        List<GuildEvent> history = Forms.newest(page -> events.list(guildId, page), AnchorPages.HISTORY);
        model.put("events", history);
        model.put("history", history(history, guild.guild().initialScore(),
                policies.get(0).guildRules().removalAtOrBelow(), Console.labels(ctx)));
        Console.render(ctx, "guild.jte", model);
    }

    static Charts.LineChart history(List<GuildEvent> events, int initialScore, int removalLine, Labels labels) {
        List<Charts.Point> points = events.stream().map(event -> new Charts.Point(event.recordedAt(),
                event.scoreAfter(), labels.time(event.recordedAt()) + " · " + labels.of("guild-event", event.kind())
                + " " + AnchorPages.signed(event.delta()) + " → " + event.scoreAfter())).toList();
        return Charts.steps(points, initialScore, List.of(Charts.ruleAt(removalLine, labels.t("guild.removal-line"))),
                labels);
    }

    private void recordViolation(Context ctx) {
        Console.require(ctx, Methods.RECORD_GUILD_VIOLATION);
        String guildId = ctx.pathParam("id");
        RecordGuildViolation.Result result = guildViolations.record(GuildCommands.Violation.of(
                Forms.optionalText(ctx.formParam("request_id")), guildId,
                Forms.choice(ctx.formParam("severity"), Severity.class, "severity").orElse(null),
                Forms.optionalText(ctx.formParam("description")), Optional.empty()),
                Console.frame(ctx).visitor().actor(), Deadline.ofCallerWithoutOne());
        Console.redirectWithNotice(ctx, "/guilds/" + guildId, result.removed() ? "notice.guild-removed"
                : "notice.guild-violation", result.points(), result.guild().guild().score());
    }

    private void changeMembership(Context ctx, boolean join) {
        Console.require(ctx, join ? Methods.ADD_GUILD_MEMBER : Methods.REMOVE_GUILD_MEMBER);
        String guildId = ctx.pathParam("id");
        String anchorId = Forms.optionalText(ctx.formParam("anchor_id"));
        guilds.changeMembership(GuildCommands.Membership.of(Forms.optionalText(ctx.formParam("request_id")), guildId,
                anchorId, join), Console.frame(ctx).visitor().actor(), Deadline.ofCallerWithoutOne());
        Console.redirectWithNotice(ctx, "/guilds/" + guildId, join ? "notice.member-added" : "notice.member-removed",
                anchorId);
    }
}
