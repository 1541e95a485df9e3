package com.anchorhealth.adapter.web;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.policy.PublishPolicy;
import com.anchorhealth.application.policy.PublishPolicyCommand;
import com.anchorhealth.application.policy.ReadPolicies;
import com.anchorhealth.application.policy.SimulatePolicy;
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
    /** The candidate form's fields that are not per severity: numbers, then the recovery switches. */
    private static final List<String> NUMBER_FIELDS = List.of("initial_score", "certified_initial_score",
            "restricted_below", "severely_restricted_below", "revoked_below", "traffic_support_clean_days",
            "warning_margin", "appeal_window_days", "guild_removal_at_or_below");
    private static final String RECOVERY_TIME_BASED = "recovery_time_based";
    private static final String RECOVERY_LEARNING_TASKS = "recovery_learning_tasks";
    /** Every field of the candidate form, in the order a simulation's proof reads them. */
    private static final List<String> CANDIDATE_FIELDS = candidateFields();

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
        model.put("simulated", simulated(ctx, inForce));
        Console.render(ctx, "policies.jte", model);
    }

    /**
     * The proof, signed by the server, that the form's candidate was simulated against the policy in
     * force: publishing asks for it, so that no candidate is published unseen, nor one edited since.
     */
    private static String simulated(Context ctx, Policy inForce) {
        ConsoleAccess access = ctx.appData(WebConsole.ACCESS);
        return access.sign(candidateForm(ctx, inForce));
    }

    /** The candidate's form values in a fixed order, over the version they change. */
    private static String candidateForm(Context ctx, Policy inForce) {
        StringBuilder form = new StringBuilder("simulated candidate of version ").append(inForce.version());
        for (String field : CANDIDATE_FIELDS) {
            // A switch counts by being sent, whatever value a client gives it, as candidate() reads it.
            String value = field.equals(RECOVERY_TIME_BASED) || field.equals(RECOVERY_LEARNING_TASKS)
                    ? String.valueOf(ctx.formParam(field) != null) : Forms.optionalText(ctx.formParam(field));
            form.append('\n').append(field).append('=').append(value);
        }
        return form.toString();
    }

    private void publish(Context ctx) {
        Console.require(ctx, Methods.PUBLISH_POLICY);
        Policy inForce = policies.get(0);
        Policy candidate = candidate(ctx, inForce);
        PublishPolicyCommand command = PublishPolicyCommand.of(Forms.optionalText(ctx.formParam("request_id")),
                candidate, Optional.empty(), Forms.optionalText(ctx.formParam("note")));
        ConsoleAccess access = ctx.appData(WebConsole.ACCESS);
        String simulated = Forms.optionalText(ctx.formParam("simulated"));
        if (!access.signedBy(candidateForm(ctx, inForce), simulated)) {
            throw InvalidRequestException.of("simulated", "simulate this candidate against the policy in force, "
                    + "then publish it from the simulation's page");
        }
        if (!Confirmation.given(ctx)) {
            Console.render(ctx, "policy-confirm.jte", Map.of("candidate", candidate, "inForce", inForce,
                    "changes", PolicyFields.differences(inForce, candidate),
                    "requestId", command.requestId(), "simulated", simulated, "note", command.note()));
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
        model.put("simulated", "");
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
                String field = deductionField(severity, level);
                row.add(Forms.requiredInteger(ctx.formParam(field), field));
            }
            rows.put(severity, row);
            String own = guildOwnField(severity);
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
                new RecoveryRules(ctx.formParam(RECOVERY_TIME_BASED) != null, recovery.cleanDaysPerPoint(),
                        recovery.lowScoreBelow(), recovery.lowScoreCleanDaysPerPoint(),
                        ctx.formParam(RECOVERY_LEARNING_TASKS) != null, recovery.learningTaskIntervalDays()));
    }

    private static String deductionField(Severity severity, int level) {
        return "deduction_" + severity + "_" + level;
    }

    private static String guildOwnField(Severity severity) {
        return "guild_own_" + severity;
    }

    private static List<String> candidateFields() {
        List<String> fields = new ArrayList<>();
        for (Severity severity : Severity.values()) {
            for (int level = 1; level <= DeductionMatrix.LEVELS; level++) {
                fields.add(deductionField(severity, level));
            }
            fields.add(guildOwnField(severity));
        }
        fields.addAll(NUMBER_FIELDS);
        fields.add(RECOVERY_TIME_BASED);
        fields.add(RECOVERY_LEARNING_TASKS);
        return List.copyOf(fields);
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
