package com.anchorhealth.adapter.web;

import com.anchorhealth.application.anchor.AdjustScore;
import com.anchorhealth.application.anchor.AdjustScoreCommand;
import com.anchorhealth.application.anchor.AnchorView;
import com.anchorhealth.application.anchor.GetAnchor;
import com.anchorhealth.application.anchor.ListAnchors;
import com.anchorhealth.application.anchor.ListScoreEvents;
import com.anchorhealth.application.appeal.AppealCommands;
import com.anchorhealth.application.appeal.FileAppeal;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.write.GroupCommit;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.list.CountedPage;
import com.anchorhealth.application.page.ReadAnchorPage;
import com.anchorhealth.application.policy.ReadPolicies;
import com.anchorhealth.application.recovery.CompleteLearningTask;
import com.anchorhealth.application.recovery.LearningTaskCommand;
import com.anchorhealth.application.violation.ListViolations;
import com.anchorhealth.domain.policy.Thresholds;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreFold;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Tier;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The anchors: search and filters, and one anchor's standing, timeline, violations and ledger. */
final class AnchorPages implements Pages {
    /** The newest of a long history: the entries a timeline draws (and a guild's ledger lists), the appeals read. */
    static final int HISTORY = 500;
    /** Violations and ledger entries per page of an anchor's history; its newest page comes first. */
    static final int HISTORY_PAGE = 50;
    private static final String VIOLATIONS = "violations-";
    private static final String LEDGER = "ledger-";

    private final ListAnchors listAnchors;
    private final GetAnchor getAnchor;
    private final ListScoreEvents scoreEvents;
    private final ListViolations violations;
    private final FileAppeal appeals;
    private final CompleteLearningTask learningTasks;
    private final AdjustScore adjustments;
    private final ReadAnchorPage anchorPages;
    private final ReadPolicies policies;

    @Inject
    AnchorPages(ListAnchors listAnchors, GetAnchor getAnchor, ListScoreEvents scoreEvents,
                ListViolations violations, FileAppeal appeals, CompleteLearningTask learningTasks,
                AdjustScore adjustments, ReadAnchorPage anchorPages, ReadPolicies policies) {
        this.listAnchors = listAnchors;
        this.getAnchor = getAnchor;
        this.scoreEvents = scoreEvents;
        this.violations = violations;
        this.appeals = appeals;
        this.learningTasks = learningTasks;
        this.adjustments = adjustments;
        this.anchorPages = anchorPages;
        this.policies = policies;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/anchors", this::search);
        routes.get("/anchors.csv", this::exportSearch);
        routes.get("/anchors/{id}", this::anchor);
        routes.get("/anchors/{id}/violations.csv", this::exportViolations);
        routes.get("/anchors/{id}/ledger.csv", this::exportLedger);
        routes.post("/anchors/{id}/appeals", this::fileAppeal);
        routes.post("/anchors/{id}/learning-tasks", this::completeLearningTask);
        routes.post("/anchors/{id}/adjustments", this::adjustScore);
    }

    private void search(Context ctx) {
        Console.require(ctx, Methods.LIST_ANCHORS);
        AnchorSearch search = AnchorSearch.of(ctx);
        AnchorSorting sorting = search.sorting();
        CountedPage<AnchorView> page = listAnchors.counted(Console.scope(ctx), search.listQuery(),
                ListPosition.of(ctx, "").request(Forms.PAGE_SIZE, false));
        Console.render(ctx, "anchors.jte", Map.of("search", search, "sorting", sorting, "anchors",
                page.page().items(), "pager", Pager.counted(page, Forms.PAGE_SIZE, Console.labels(ctx),
                        position -> "/anchors?" + search.query() + (position.isEmpty() ? "" : "&" + position)),
                "tiers", Arrays.asList(Tier.values()), "export", "/anchors.csv?" + search.query()));
    }

    /** Every anchor the search finds, in the page's order. */
    private void exportSearch(Context ctx) {
        Console.require(ctx, Methods.LIST_ANCHORS);
        ListAnchors.Query query = AnchorSearch.of(ctx).listQuery();
        CsvExport.send(ctx, CsvExport.fileName("anchors"), ExportColumns.ANCHORS,
                page -> listAnchors.list(Console.scope(ctx), query, page));
    }

    private void anchor(Context ctx) {
        Console.require(ctx, Methods.GET_ANCHOR);
        AnchorId anchorId = anchorId(ctx);
        ListPosition violationsAt = ListPosition.of(ctx, VIOLATIONS);
        ListPosition ledgerAt = ListPosition.of(ctx, LEDGER);
        ReadAnchorPage.AnchorPage page = anchorPages.read(Console.scope(ctx), new ReadAnchorPage.Query(anchorId,
                violationsAt.request(HISTORY_PAGE, true), ledgerAt.request(HISTORY_PAGE, true), HISTORY));
        Map<String, Object> model = new HashMap<>();
        model.put("anchor", page.anchor());
        model.put("decisions", page.decisions());
        model.put("ledger", page.ledger().items());
        model.put("ledgerPager", Pager.links(page.ledger(), LEDGER, true, position ->
                historyHref(anchorId, violationsAt.query(), position) + "#ledger"));
        model.put("violations", page.violations().items());
        model.put("violationsPager", Pager.links(page.violations(), VIOLATIONS, true, position ->
                historyHref(anchorId, ledgerAt.query(), position) + "#violations"));
        model.put("appeals", page.appeals());
        model.put("policy", page.policy());
        model.put("timeline", timeline(page.timeline(), page.anchor().standing().initialScore(),
                page.policy().thresholds(), Console.labels(ctx)));
        Console.render(ctx, "anchor.jte", model);
    }

    /** All of an anchor's violations, oldest first (the page shows the newest). */
    private void exportViolations(Context ctx) {
        Console.require(ctx, Methods.GET_ANCHOR);
        AnchorId anchorId = anchorId(ctx);
        CsvExport.send(ctx, CsvExport.fileName(anchorId.value(), "violations"), ExportColumns.VIOLATIONS,
                page -> violations.list(Console.scope(ctx), anchorId, page));
    }

    /** All of an anchor's ledger, oldest first. */
    private void exportLedger(Context ctx) {
        Console.require(ctx, Methods.GET_ANCHOR);
        AnchorId anchorId = anchorId(ctx);
        CsvExport.send(ctx, CsvExport.fileName(anchorId.value(), "ledger"), ExportColumns.LEDGER,
                page -> scoreEvents.list(Console.scope(ctx), anchorId, page));
    }

    /** The anchor's page with its two lists where these positions put them (empty: the newest page). */
    private static String historyHref(AnchorId anchorId, String one, String other) {
        String query = one.isEmpty() ? other : other.isEmpty() ? one : one + "&" + other;
        return "/anchors/" + anchorId.value() + (query.isEmpty() ? "" : "?" + query);
    }

    static Charts.LineChart timeline(List<ScoreEvent> ledger, int initialScore, Thresholds thresholds, Labels labels) {
        List<Charts.Point> points = ledger.stream().map(entry -> new Charts.Point(entry.recordedAt(), entry.scoreAfter(),
                labels.time(entry.recordedAt()) + " · " + labels.of("kind", entry.kind()) + " "
                        + signed(entry.delta()) + " → " + entry.scoreAfter())).toList();
        return Charts.steps(points, initialScore, List.of(
                Charts.ruleAt(thresholds.restrictedBelow(), labels.of("tier", Tier.RESTRICTED)),
                Charts.ruleAt(thresholds.severelyRestrictedBelow(), labels.of("tier", Tier.SEVERELY_RESTRICTED))),
                labels);
    }

    static String signed(int delta) {
        return delta > 0 ? "+" + delta : Integer.toString(delta);
    }

    private void fileAppeal(Context ctx) {
        Console.require(ctx, Methods.FILE_APPEAL);
        AnchorId anchorId = anchorId(ctx);
        String violationId = Forms.optionalText(ctx.formParam("violation"));
        GroupCommit.await(appeals.file(AppealCommands.File.of(Forms.optionalText(ctx.formParam("request_id")),
                anchorId, violationId, Forms.optionalText(ctx.formParam("statement"))), Console.caller(ctx),
                Deadline.ofCallerWithoutOne()));
        Console.redirectWithNotice(ctx, "/anchors/" + anchorId.value(), "notice.appeal-filed", violationId);
    }

    private void completeLearningTask(Context ctx) {
        Console.require(ctx, Methods.COMPLETE_LEARNING_TASK);
        AnchorId anchorId = anchorId(ctx);
        AnchorView after = GroupCommit.await(learningTasks.complete(LearningTaskCommand.of(
                Forms.optionalText(ctx.formParam("request_id")), anchorId.value(),
                Forms.optionalText(ctx.formParam("task_id"))), Console.frame(ctx).visitor().actor(),
                Deadline.ofCallerWithoutOne()));
        Console.redirectWithNotice(ctx, "/anchors/" + anchorId.value(), "notice.learning-task",
                after.standing().score());
    }

    private void adjustScore(Context ctx) {
        Console.require(ctx, Methods.ADJUST_SCORE);
        AnchorId anchorId = anchorId(ctx);
        AdjustScoreCommand command = AdjustScoreCommand.of(Forms.optionalText(ctx.formParam("request_id")),
                anchorId, Forms.requiredInteger(ctx.formParam("delta"), "delta"),
                Forms.optionalText(ctx.formParam("reason")));
        AnchorView anchor = getAnchor.get(Console.scope(ctx), anchorId, Optional.empty());
        if (!Confirmation.given(ctx)) {
            adjustmentConfirmation(ctx, command, anchor, policies.get(0).thresholds()).ask(ctx);
            return;
        }
        int before = anchor.standing().score();
        AnchorView after = GroupCommit.await(adjustments.adjust(command, Console.frame(ctx).visitor().actor(),
                Deadline.ofCallerWithoutOne()));
        Console.redirectWithNotice(ctx, "/anchors/" + anchorId.value(), "notice.score-adjusted", before,
                after.standing().score());
    }

    /** The score and tier the adjustment leaves, clamped as the ledger clamps every entry. */
    private static Confirmation adjustmentConfirmation(Context ctx, AdjustScoreCommand command, AnchorView anchor,
                                                       Thresholds thresholds) {
        Labels t = Console.labels(ctx);
        Standing standing = anchor.standing();
        int delta = command.adjustment().delta();
        int after = ScoreFold.clamp(standing.score() + delta, standing.initialScore());
        String name = anchor.record().profile().displayName();
        String id = command.anchorId().value();
        return new Confirmation(t.t("confirm.adjust-title", name, signed(delta)),
                t.t("confirm.adjust", standing.score(), after, t.of("tier", standing.tier()),
                        t.of("tier", thresholds.tierFor(after))),
                List.of(new Confirmation.Fact(t.t("anchor.id"), id),
                        new Confirmation.Fact(t.t("anchor.name"), name),
                        new Confirmation.Fact(t.t("adjust.delta"), signed(delta)),
                        new Confirmation.Fact(t.t("adjust.reason"), command.adjustment().reason())),
                "/anchors/" + id + "/adjustments", Confirmation.resent(ctx), t.t("adjust.submit"), "/anchors/" + id);
    }

    private static AnchorId anchorId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!AnchorId.isValid(id)) {
            throw InvalidRequestException.of("anchor_id", "must be 1-64 characters of [A-Za-z0-9._-]");
        }
        return new AnchorId(id);
    }
}
