package com.anchorhealth.adapter.web;

import com.anchorhealth.application.appeal.AppealCommands;
import com.anchorhealth.application.appeal.AppealView;
import com.anchorhealth.application.appeal.DecideAppeal;
import com.anchorhealth.application.appeal.ReadAppeals;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.write.GroupCommit;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.list.CountedPage;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.appeal.AppealDecision;
import com.anchorhealth.domain.appeal.AppealState;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.vocabulary.AnchorId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The queue of pending appeals, oldest first, each decided with a note; the notice shows the score move. */
final class AppealPages implements Pages {
    private final ReadAppeals appeals;
    private final DecideAppeal decisions;

    @Inject
    AppealPages(ReadAppeals appeals, DecideAppeal decisions) {
        this.appeals = appeals;
        this.decisions = decisions;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/appeals", this::queue);
        routes.get("/appeals.csv", this::exportQueue);
        routes.post("/appeals/decisions", this::decide);
    }

    /** The appeals in one state (pending unless asked), of one guild when asked, oldest filed first. */
    private void queue(Context ctx) {
        Console.require(ctx, Methods.LIST_APPEALS);
        AppealState state = Forms.choice(ctx.queryParam("state"), AppealState.class, "state")
                .orElse(AppealState.PENDING);
        Optional<String> guild = Forms.text(ctx.queryParam("guild"));
        CountedPage<AppealView> page = appeals.counted(Console.scope(ctx), guild, Optional.of(state),
                ListPosition.of(ctx, "").request(Forms.PAGE_SIZE, false));
        String filters = "state=" + state.name() + "&guild=" + Console.encode(guild.orElse(""));
        Console.render(ctx, "appeals.jte", Map.of("appeals", page.page().items(), "state", state,
                "guild", guild.orElse(""), "pager", Pager.counted(page, Forms.PAGE_SIZE, Console.labels(ctx),
                        position -> "/appeals?" + filters + (position.isEmpty() ? "" : "&" + position))));
    }

    /** The whole queue, oldest first, as the page lists it. */
    private void exportQueue(Context ctx) {
        Console.require(ctx, Methods.LIST_APPEALS);
        CsvExport.send(ctx, CsvExport.fileName("appeals"), ExportColumns.APPEALS,
                page -> appeals.list(Console.scope(ctx), Optional.empty(), Optional.of(AppealState.PENDING), page));
    }

    private void decide(Context ctx) {
        Console.require(ctx, Methods.DECIDE_APPEAL);
        String anchor = Forms.optionalText(ctx.formParam("anchor"));
        if (!AnchorId.isValid(anchor)) {
            throw InvalidRequestException.of("anchor", "must be 1-64 characters of [A-Za-z0-9._-]");
        }
        AnchorId anchorId = new AnchorId(anchor);
        String violationId = Forms.optionalText(ctx.formParam("violation"));
        AppealCommands.Decide command = AppealCommands.Decide.of(Forms.optionalText(ctx.formParam("request_id")),
                anchorId, violationId, Forms.choice(ctx.formParam("decision"), AppealDecision.class, "decision")
                        .orElse(null), Forms.optionalText(ctx.formParam("note")));
        AppealView pending = appeals.get(Console.scope(ctx), anchorId, violationId);
        if (!Confirmation.given(ctx)) {
            confirmation(ctx, command, pending).ask(ctx);
            return;
        }
        int before = pending.standingAfter().score();
        AppealView decided = GroupCommit.await(decisions.decide(command, Console.caller(ctx),
                Deadline.ofCallerWithoutOne()));
        Console.redirectWithNotice(ctx, "/appeals", decided.appeal().state() == AppealState.OVERTURNED
                        ? "notice.appeal-overturned" : "notice.appeal-upheld", anchorId.value(), before,
                decided.standingAfter().score());
    }

    /** The decision, the violation it settles and what it does to the score. */
    private static Confirmation confirmation(Context ctx, AppealCommands.Decide command, AppealView pending) {
        Labels t = Console.labels(ctx);
        Appeal appeal = pending.appeal();
        RecordedViolation violation = appeal.violation();
        boolean overturn = command.decision() == AppealDecision.OVERTURN;
        return new Confirmation(t.t(overturn ? "confirm.overturn-title" : "confirm.uphold-title",
                command.anchorId().value()),
                t.t(overturn ? "confirm.overturn" : "confirm.uphold", violation.points()),
                List.of(new Confirmation.Fact(t.t("anchor.id"), command.anchorId().value()),
                        new Confirmation.Fact(t.t("anchor.score"), t.number(pending.standingAfter().score())),
                        new Confirmation.Fact(t.t("appeals.violation"), t.violationType(violation.report().violationType()) + " · "
                                + t.of("severity", violation.severity()) + " · " + t.time(violation.recordedAt())),
                        new Confirmation.Fact(t.t("violation.points"), t.number(violation.points())),
                        new Confirmation.Fact(t.t("appeals.statement"), appeal.statement()),
                        new Confirmation.Fact(t.t("appeals.note"), command.note().isEmpty() ? "—" : command.note())),
                "/appeals/decisions", Confirmation.resent(ctx),
                t.t(overturn ? "appeals.overturn" : "appeals.uphold"), "/appeals");
    }
}
