package com.anchorhealth.adapter.web;

import com.anchorhealth.application.anchor.AnchorView;
import com.anchorhealth.application.anchor.GetAnchor;
import com.anchorhealth.application.anchor.ListAnchors;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.write.GroupCommit;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.guild.GuildCommands;
import com.anchorhealth.application.guild.GuildView;
import com.anchorhealth.application.guild.ListGuildEvents;
import com.anchorhealth.application.guild.ManageGuilds;
import com.anchorhealth.application.guild.RecordGuildViolation;
import com.anchorhealth.application.list.CountedPage;
import com.anchorhealth.application.page.ReadGuildPage;
import com.anchorhealth.application.policy.ReadPolicies;
import com.anchorhealth.application.port.out.guild.GuildLedgerEntry;
import com.anchorhealth.domain.guild.Guild;
import com.anchorhealth.domain.guild.GuildEventKind;
import com.anchorhealth.domain.guild.GuildRules;
import com.anchorhealth.domain.guild.GuildStatus;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Severity;
import com.anchorhealth.domain.vocabulary.Tier;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** The guilds: list with filters, and one guild's score, members, violations and removal. */
final class GuildPages implements Pages {
    private final ManageGuilds guilds;
    private final RecordGuildViolation guildViolations;
    private final ListAnchors anchors;
    private final ReadGuildPage guildPages;
    private final ListGuildEvents events;
    private final ReadPolicies policies;
    private final GetAnchor getAnchor;

    @Inject
    GuildPages(ManageGuilds guilds, RecordGuildViolation guildViolations, ListAnchors anchors,
               ReadGuildPage guildPages, ListGuildEvents events, ReadPolicies policies, GetAnchor getAnchor) {
        this.guilds = guilds;
        this.guildViolations = guildViolations;
        this.anchors = anchors;
        this.guildPages = guildPages;
        this.events = events;
        this.policies = policies;
        this.getAnchor = getAnchor;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/guilds", this::list);
        routes.post("/guilds", this::create);
        routes.get("/guilds/{id}", this::guild);
        routes.get("/guilds/{id}/members.csv", this::exportMembers);
        routes.get("/guilds/{id}/ledger.csv", this::exportLedger);
        routes.post("/guilds/{id}/violations", this::recordViolation);
        routes.post("/guilds/{id}/members", ctx -> changeMembership(ctx, true));
        routes.post("/guilds/{id}/members/remove", ctx -> changeMembership(ctx, false));
    }

    private void list(Context ctx) {
        Console.require(ctx, Methods.LIST_GUILDS);
        GuildSearch filter = new GuildSearch(Forms.optionalText(ctx.queryParam("status")),
                Forms.optionalText(ctx.queryParam("min")), Forms.optionalText(ctx.queryParam("max")));
        CountedPage<GuildView> page = guilds.counted(Console.scope(ctx), Forms.choice(filter.status(), GuildStatus.class, "status"),
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
        String tier = Forms.optionalText(ctx.queryParam("tier"));
        String sort = Forms.optionalText(ctx.queryParam("sort"));
        String filtered = "/guilds/" + Console.encode(guildId) + "?tier=" + Console.encode(tier);
        AnchorSorting sorting = new AnchorSorting(sort,
                order -> filtered + "&sort=" + Console.encode(order) + "#members");
        ReadGuildPage.GuildPage page = guildPages.read(Console.scope(ctx), new ReadGuildPage.Query(guildId,
                Forms.choice(tier, Tier.class, "tier"), sorting.order(),
                ListPosition.of(ctx, "").request(Forms.PAGE_SIZE, false), AnchorPages.HISTORY));
        Labels labels = Console.labels(ctx);
        Function<String, String> href = position -> filtered + "&sort=" + Console.encode(sort)
                + (position.isEmpty() ? "" : "&" + position) + "#members";
        Map<String, Object> model = new HashMap<>();
        model.put("page", page);
        model.put("memberTier", tier);
        model.put("memberSort", sort);
        model.put("sorting", sorting);
        model.put("tiers", Arrays.asList(Tier.values()));
        model.put("pager", Pager.counted(page.members(), Forms.PAGE_SIZE, labels, href));
        model.put("atRemovalPager", Pager.counted(page.membersAtRemoval(), Forms.PAGE_SIZE, labels, href));
        model.put("severities", Arrays.asList(Severity.values()));
        model.put("history", history(page.history(), page.guild().guild().initialScore(), page.removalLine(), labels));
        Console.render(ctx, "guild.jte", model);
    }

    /**
     * Every member, as the page lists them: a removed guild, which has none, lists the members it had at
     * its removal, with the name and score each had then.
     */
    private void exportMembers(Context ctx) {
        Console.require(ctx, Methods.LIST_GUILDS);
        String guildId = ctx.pathParam("id");
        Scope scope = Console.scope(ctx);
        // As the page: a guild that does not exist is 404, not an empty file.
        if (guilds.get(scope, guildId).guild().status() == GuildStatus.REMOVED) {
            CsvExport.send(ctx, CsvExport.fileName(guildId, "members-at-removal"), ExportColumns.MEMBERS_AT_REMOVAL,
                    page -> guilds.membersAtRemoval(scope, guildId, page));
            return;
        }
        CsvExport.send(ctx, CsvExport.fileName(guildId, "members"), ExportColumns.ANCHORS,
                page -> anchors.list(scope, ListAnchors.Query.of(Optional.empty(), Optional.of(guildId)), page));
    }

    /** The guild's whole ledger, oldest first (the page shows the newest). */
    private void exportLedger(Context ctx) {
        Console.require(ctx, Methods.LIST_GUILDS);
        String guildId = ctx.pathParam("id");
        CsvExport.send(ctx, CsvExport.fileName(guildId, "ledger"), ExportColumns.GUILD_LEDGER,
                page -> events.ledger(Console.scope(ctx), guildId, page));
    }

    static Charts.LineChart history(List<GuildLedgerEntry> entries, int initialScore, int removalLine, Labels labels) {
        List<Charts.Point> points = entries.stream().map(GuildLedgerEntry::event).map(event -> new Charts.Point(event.recordedAt(),
                event.scoreAfter(), labels.time(event.recordedAt()) + " · " + labels.of("guild-event", event.kind())
                + " " + AnchorPages.signed(event.delta()) + " → " + event.scoreAfter())).toList();
        return Charts.steps(points, initialScore, List.of(Charts.ruleAt(removalLine, labels.t("guild.removal-line"))),
                labels);
    }

    private void recordViolation(Context ctx) {
        Console.require(ctx, Methods.RECORD_GUILD_VIOLATION);
        String guildId = ctx.pathParam("id");
        GuildCommands.Violation command = GuildCommands.Violation.of(
                Forms.optionalText(ctx.formParam("request_id")), guildId,
                Forms.choice(ctx.formParam("severity"), Severity.class, "severity").orElse(null),
                Forms.optionalText(ctx.formParam("description")), Optional.empty());
        if (!Confirmation.given(ctx)) {
            violationConfirmation(ctx, command, guilds.get(Console.scope(ctx), guildId)).ask(ctx);
            return;
        }
        RecordGuildViolation.Result result = guildViolations.record(command,
                Console.frame(ctx).visitor().actor(), Deadline.ofCallerWithoutOne());
        Console.redirectWithNotice(ctx, "/guilds/" + guildId, result.removed() ? "notice.guild-removed"
                : "notice.guild-violation", result.points(), result.guild().guild().score());
    }

    /**
     * The points the violation costs and the score it leaves, worked out by the guild's own rule (on a
     * copy: nothing is written), and whether that removes the guild.
     */
    private Confirmation violationConfirmation(Context ctx, GuildCommands.Violation command, GuildView view) {
        Labels t = Console.labels(ctx);
        Guild guild = view.guild();
        GuildRules rules = policies.get(0).guildRules();
        int points = rules.ownPoints(command.severity());
        // The time, notice id and actor are those of an entry that is never stored.
        Guild.Deducted after = guild.deduct(points, GuildEventKind.OWN_VIOLATION, Optional.empty(), Optional.empty(),
                command.description(), rules, "preview", Instant.EPOCH, "preview");
        String consequence = after.removedNow()
                ? t.t("confirm.guild-violation-removes", guild.score(), after.guild().score(), rules.removalAtOrBelow(),
                        view.memberCount())
                : t.t("confirm.guild-violation", guild.score(), after.guild().score(), rules.removalAtOrBelow());
        return new Confirmation(t.t("confirm.guild-violation-title", t.of("severity", command.severity()),
                guild.displayName()), consequence,
                List.of(new Confirmation.Fact(t.t("guild.name"), guild.displayName() + " · " + guild.guildId()),
                        new Confirmation.Fact(t.t("violation.severity"), t.of("severity", command.severity())),
                        new Confirmation.Fact(t.t("violation.points"), t.number(points)),
                        new Confirmation.Fact(t.t("guild.description"), command.description())),
                "/guilds/" + guild.guildId() + "/violations", Confirmation.resent(ctx),
                t.t("guild.record-violation"), "/guilds/" + guild.guildId());
    }

    private void changeMembership(Context ctx, boolean join) {
        Console.require(ctx, join ? Methods.ADD_GUILD_MEMBER : Methods.REMOVE_GUILD_MEMBER);
        String guildId = ctx.pathParam("id");
        String anchorId = Forms.optionalText(ctx.formParam("anchor_id"));
        GuildCommands.Membership command = GuildCommands.Membership.of(Forms.optionalText(ctx.formParam("request_id")),
                guildId, anchorId, join);
        if (!join && !Confirmation.given(ctx)) {
            Scope scope = Console.scope(ctx);
            releaseConfirmation(ctx, guilds.get(scope, guildId), getAnchor.get(scope, new AnchorId(anchorId),
                    Optional.empty())).ask(ctx);
            return;
        }
        GroupCommit.await(guilds.changeMembership(command, Console.caller(ctx), Deadline.ofCallerWithoutOne()));
        Console.redirectWithNotice(ctx, "/guilds/" + guildId, join ? "notice.member-added" : "notice.member-removed",
                anchorId);
    }

    /** Who leaves which guild. */
    private static Confirmation releaseConfirmation(Context ctx, GuildView view, AnchorView member) {
        Labels t = Console.labels(ctx);
        Guild guild = view.guild();
        var profile = member.record().profile();
        return new Confirmation(t.t("confirm.release-title", profile.displayName(), guild.displayName()),
                t.t("confirm.release"),
                List.of(new Confirmation.Fact(t.t("anchor.id"), profile.anchorId().value()),
                        new Confirmation.Fact(t.t("anchor.name"), profile.displayName()),
                        new Confirmation.Fact(t.t("anchor.score"), t.number(member.standing().score()) + " · "
                                + t.of("tier", member.standing().tier())),
                        new Confirmation.Fact(t.t("anchor.guild"), profile.guildId().orElse("—")),
                        new Confirmation.Fact(t.t("guild.name"), guild.displayName() + " · " + guild.guildId())),
                "/guilds/" + guild.guildId() + "/members/remove", Confirmation.resent(ctx),
                t.t("guild.remove-member"), "/guilds/" + guild.guildId());
    }
}
