package com.anchorhealth.adapter.web;

import com.anchorhealth.application.appeal.AppealCommands;
import com.anchorhealth.application.appeal.AppealView;
import com.anchorhealth.application.appeal.DecideAppeal;
import com.anchorhealth.application.appeal.ReadAppeals;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.port.out.CountedPage;
import com.anchorhealth.domain.appeal.AppealDecision;
import com.anchorhealth.domain.appeal.AppealState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;

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
        routes.post("/appeals/decisions", this::decide);
    }

    private void queue(Context ctx) {
        Console.require(ctx, Methods.LIST_APPEALS);
        CountedPage<AppealView> page = appeals.counted(Optional.of(AppealState.PENDING),
                ListPosition.of(ctx, "").request(Forms.PAGE_SIZE, false));
        Console.render(ctx, "appeals.jte", Map.of("appeals", page.page().items(), "pager", Pager.counted(page,
                Forms.PAGE_SIZE, Console.labels(ctx),
                position -> "/appeals" + (position.isEmpty() ? "" : "?" + position))));
    }

    private void decide(Context ctx) {
        Console.require(ctx, Methods.DECIDE_APPEAL);
        String anchor = Forms.optionalText(ctx.formParam("anchor"));
        if (!AnchorId.isValid(anchor)) {
            throw InvalidRequestException.of("anchor", "must be 1-64 characters of [A-Za-z0-9._-]");
        }
        AnchorId anchorId = new AnchorId(anchor);
        String violationId = Forms.optionalText(ctx.formParam("violation"));
        int before = appeals.get(anchorId, violationId).standingAfter().score();
        AppealView decided = decisions.decide(AppealCommands.Decide.of(Forms.optionalText(ctx.formParam("request_id")),
                anchorId, violationId, Forms.choice(ctx.formParam("decision"), AppealDecision.class, "decision")
                        .orElse(null), Forms.optionalText(ctx.formParam("note"))),
                Console.frame(ctx).visitor().actor(), Deadline.ofCallerWithoutOne());
        Console.redirectWithNotice(ctx, "/appeals", decided.appeal().state() == AppealState.OVERTURNED
                        ? "notice.appeal-overturned" : "notice.appeal-upheld", anchorId.value(), before,
                decided.standingAfter().score());
    }
}
