package com.anchorhealth.adapter.web;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.policy.PublishPolicy;
import com.anchorhealth.application.policy.PublishPolicyCommand;
import com.anchorhealth.application.policy.ReadPolicies;
import com.anchorhealth.application.policy.SimulatePolicy;
import com.anchorhealth.application.port.out.PageRequest;
import com.anchorhealth.domain.guild.GuildRules;
import com.anchorhealth.domain.policy.DeductionMatrix;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.RecoveryRules;
import com.anchorhealth.domain.policy.Thresholds;
import com.anchorhealth.domain.vocabulary.Severity;
import com.anchorhealth.domain.vocabulary.Tier;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Policies: the versions and the one in force, the difference between two versions, a candidate
 * edited in a form and simulated against every anchor, and its publication after a confirmation.
 */
final class PolicyPages implements Pages {
    static final int VERSIONS = 1000;
    static final int SAMPLE = 20;

    private final ReadPolicies policies;
    private final SimulatePolicy simulation;
    private final PublishPolicy publication;

    @Inject
    PolicyPages(ReadPolicies policies, SimulatePolicy simulation, PublishPolicy publication) {
        this.policies = policies;
        this.simulation = simulation;
        this.publication = publication;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/policies", this::versions);
        routes.post("/policies/simulate", this::simulate);
        routes.post("/policies/publish", this::publish);
    }

    private void versions(Context ctx) {
        Console.require(ctx, Methods.GET_POLICY);
        Map<String, Object> model = basics();
        Policy inForce = (Policy) model.get("inForce");
        long from = Forms.integer(ctx.queryParam("from"), "from").orElse(0);
        long to = Forms.integer(ctx.queryParam("to"), "to").orElse(0);
        if (from > 0 && to > 0) {
            model.put("comparison", Optional.of(new PolicyComparison(from, to,
                    PolicyFields.differences(policies.get(from), policies.get(to)))));
        }
        model.put("candidate", inForce);
        Console.render(ctx, "policies.jte", model);
    }

    private void simulate(Context ctx) {
        Console.require(ctx, Methods.SIMULATE_POLICY);
        Map<String, Object> model = basics();
        Policy inForce = (Policy) model.get("inForce");
        Policy candidate = candidate(ctx, inForce);
        SimulatePolicy.Report report = simulation.simulate(candidate, SAMPLE);
        model.put("candidate", candidate);
        model.put("simulation", Optional.of(new PolicySimulation(report, tierMoves(report, Console.labels(ctx)),
                PolicyFields.differences(inForce, candidate))));
        Console.render(ctx, "policies.jte", model);
    }

    private void publish(Context ctx) {
        Console.require(ctx, Methods.PUBLISH_POLICY);
        Policy inForce = policies.get(0);
        Policy candidate = candidate(ctx, inForce);
        PublishPolicyCommand command = PublishPolicyCommand.of(Forms.optionalText(ctx.formParam("request_id")),
                candidate, Optional.empty());
        if (!Confirmation.given(ctx)) {
            Console.render(ctx, "policy-confirm.jte", Map.of("candidate", candidate, "inForce", inForce,
                    "changes", PolicyFields.differences(inForce, candidate),
                    "requestId", command.requestId()));
            return;
        }
        Policy published = publication.publish(command, Console.frame(ctx).visitor().actor(),
                Deadline.ofCallerWithoutOne());
        Console.redirectWithNotice(ctx, "/policies", "notice.policy-published", published.version());
    }

    private Map<String, Object> basics() {
        Map<String, Object> model = new HashMap<>();
        model.put("versions", policies.versions(PageRequest.first(VERSIONS)).items());
        model.put("inForce", policies.get(0));
        model.put("comparison", Optional.empty());
        model.put("simulation", Optional.empty());
        model.put("severities", Arrays.asList(Severity.values()));
        return model;
    }

    /** The policy in force with the form's values in place of its own; the catalog and phases stay. */
    static Policy candidate(Context ctx, Policy base) {
        Map<Severity, List<Integer>> rows = new EnumMap<>(Severity.class);
        Map<Severity, Integer> ownPoints = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            List<Integer> row = new ArrayList<>();
            for (int level = 1; level <= DeductionMatrix.LEVELS; level++) {
                String field = "deduction_" + severity + "_" + level;
                row.add(Forms.requiredInteger(ctx.formParam(field), field));
            }
            rows.put(severity, row);
            String own = "guild_own_" + severity;
            ownPoints.put(severity, Forms.requiredInteger(ctx.formParam(own), own));
        }
        GuildRules guild = base.guildRules();
        RecoveryRules recovery = base.recovery();
        return new Policy(0, Instant.EPOCH, number(ctx, "initial_score"), number(ctx, "certified_initial_score"),
                base.violationTypes(), new DeductionMatrix(rows), base.audienceSurcharges(),
                new Thresholds(number(ctx, "restricted_below"), number(ctx, "severely_restricted_below"),
                        number(ctx, "revoked_below")),
                base.tierSanctions(), base.phases(), number(ctx, "traffic_support_clean_days"),
                number(ctx, "warning_margin"), number(ctx, "appeal_window_days"), base.sessionSettlementDays(),
                new GuildRules(guild.initialScore(), ownPoints, guild.memberViolationPoints(),
                        number(ctx, "guild_removal_at_or_below")),
                new RecoveryRules(ctx.formParam("recovery_time_based") != null, recovery.cleanDaysPerPoint(),
                        recovery.lowScoreBelow(), recovery.lowScoreCleanDaysPerPoint(),
                        ctx.formParam("recovery_learning_tasks") != null, recovery.learningTaskIntervalDays()));
    }

    private static int number(Context ctx, String field) {
        return Forms.requiredInteger(ctx.formParam(field), field);
    }

    /** Anchors on each tier now and under the candidate, side by side. */
    static Charts.BarChart tierMoves(SimulatePolicy.Report report, Labels labels) {
        List<String> categories = new ArrayList<>();
        List<List<Charts.Bar>> groups = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            categories.add(labels.of("tier", tier));
            groups.add(List.of(
                    new Charts.Bar(labels.t("policies.now"), report.currentTiers().getOrDefault(tier, 0L), "now"),
                    new Charts.Bar(labels.t("policies.candidate"), report.candidateTiers().getOrDefault(tier, 0L),
                            "candidate")));
        }
        return Charts.grouped(categories, groups);
    }
}
