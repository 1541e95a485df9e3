package com.anchorhealth.domain.policy;

import com.anchorhealth.domain.guild.GuildRules;
import com.anchorhealth.domain.vocabulary.Severity;
import com.anchorhealth.domain.vocabulary.Tier;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Every reason a policy is not fit to publish; an empty list means it is valid. */
public final class PolicyValidation {
    public static final int MIN_BASE_POINTS = 1;
    public static final int MAX_BASE_POINTS = 8;
    public static final int MIN_SURCHARGE = 1;
    public static final int MAX_SURCHARGE = 5;
    private static final Pattern TYPE_CODE = Pattern.compile("[A-Z0-9_]{1,64}");

    private PolicyValidation() {
    }

    public static List<PolicyProblem> problems(Policy policy) {
        List<PolicyProblem> problems = new ArrayList<>();
        checkScores(policy, problems);
        checkCatalog(policy, problems);
        checkDeductions(policy, problems);
        checkSurcharges(policy, problems);
        checkThresholds(policy, problems);
        checkTierSanctions(policy, problems);
        checkPhases(policy.phases(), problems);
        if (policy.trafficSupportCleanDays() < 0) {
            problems.add(new PolicyProblem("traffic_support_clean_days", "must not be negative"));
        }
        if (policy.warningMargin() < 0) {
            problems.add(new PolicyProblem("warning_margin", "must not be negative"));
        }
        if (policy.appealWindowDays() < 1 || policy.appealWindowDays() > 3650) {
            problems.add(new PolicyProblem("appeal_window_days", "must be from 1 to 3650"));
        }
        if (policy.sessionSettlementDays() < 1 || policy.sessionSettlementDays() > 3650) {
            problems.add(new PolicyProblem("session_settlement_days", "must be from 1 to 3650"));
        }
        checkGuildRules(policy.guildRules(), problems);
        checkRecovery(policy.recovery(), problems);
        return problems;
    }

    private static void checkRecovery(RecoveryRules rules, List<PolicyProblem> problems) {
        if (rules.cleanDaysPerPoint() < 1 || rules.cleanDaysPerPoint() > 3650) {
            problems.add(new PolicyProblem("recovery.clean_days_per_point", "must be from 1 to 3650"));
        }
        if (rules.lowScoreCleanDaysPerPoint() < 1 || rules.lowScoreCleanDaysPerPoint() > 3650) {
            problems.add(new PolicyProblem("recovery.low_score_clean_days_per_point", "must be from 1 to 3650"));
        }
        if (rules.lowScoreBelow() < 0 || rules.lowScoreBelow() > 1000) {
            problems.add(new PolicyProblem("recovery.low_score_below", "must be from 0 to 1000"));
        }
        if (rules.learningTaskIntervalDays() < 1 || rules.learningTaskIntervalDays() > 3650) {
            problems.add(new PolicyProblem("recovery.learning_task_interval_days", "must be from 1 to 3650"));
        }
    }

    private static void checkGuildRules(GuildRules rules, List<PolicyProblem> problems) {
        if (rules.initialScore() < 1 || rules.initialScore() > 1000) {
            problems.add(new PolicyProblem("guild_rules.initial_score", "must be from 1 to 1000"));
        }
        if (rules.removalAtOrBelow() < 0 || rules.removalAtOrBelow() >= rules.initialScore()) {
            problems.add(new PolicyProblem("guild_rules.removal_at_or_below",
                    "must be from 0 to below guild_rules.initial_score"));
        }
        for (Severity severity : Severity.values()) {
            if (rules.ownPoints(severity) < 0 || rules.memberPoints(severity) < 0) {
                problems.add(new PolicyProblem("guild_rules", "points for " + severity + " must not be negative"));
            }
        }
    }

    private static void checkScores(Policy policy, List<PolicyProblem> problems) {
        if (policy.initialScore() < 1 || policy.initialScore() > 1000) {
            problems.add(new PolicyProblem("initial_score", "must be from 1 to 1000"));
        }
        if (policy.certifiedInitialScore() < policy.initialScore() || policy.certifiedInitialScore() > 1000) {
            problems.add(new PolicyProblem("certified_initial_score",
                    "must be at least initial_score and at most 1000"));
        }
    }

    private static void checkCatalog(Policy policy, List<PolicyProblem> problems) {
        if (policy.violationTypes().isEmpty()) {
            problems.add(new PolicyProblem("violation_types", "must list at least one type"));
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < policy.violationTypes().size(); i++) {
            ViolationType type = policy.violationTypes().get(i);
            String field = "violation_types[" + i + "]";
            if (!TYPE_CODE.matcher(type.code()).matches()) {
                problems.add(new PolicyProblem(field + ".code", "must be 1-64 characters of [A-Z0-9_]"));
            } else if (!seen.add(type.code())) {
                problems.add(new PolicyProblem(field + ".code", "duplicate code " + type.code()));
            }
            if (type.displayName().isBlank()) {
                problems.add(new PolicyProblem(field + ".display_name", "must not be blank"));
            }
        }
    }

    private static void checkDeductions(Policy policy, List<PolicyProblem> problems) {
        var rows = policy.deductions().rows();
        for (Severity severity : Severity.values()) {
            List<Integer> points = rows.get(severity);
            String field = "deductions[" + severity + "].points_by_level";
            if (points == null || points.size() != DeductionMatrix.LEVELS) {
                problems.add(new PolicyProblem(field, "must give " + DeductionMatrix.LEVELS
                        + " points (levels 1-4) for " + severity));
                continue;
            }
            for (int level = 1; level <= DeductionMatrix.LEVELS; level++) {
                int value = points.get(level - 1);
                if (value < MIN_BASE_POINTS || value > MAX_BASE_POINTS) {
                    problems.add(new PolicyProblem(field + "[" + (level - 1) + "]",
                            "base points must be from " + MIN_BASE_POINTS + " to " + MAX_BASE_POINTS));
                }
            }
        }
    }

    private static void checkSurcharges(Policy policy, List<PolicyProblem> problems) {
        for (int i = 0; i < policy.audienceSurcharges().size(); i++) {
            AudienceBand band = policy.audienceSurcharges().get(i);
            String field = "audience_surcharges[" + i + "]";
            if (band.points() < MIN_SURCHARGE || band.points() > MAX_SURCHARGE) {
                problems.add(new PolicyProblem(field + ".points",
                        "surcharge must be from " + MIN_SURCHARGE + " to " + MAX_SURCHARGE));
            }
            if (band.minFans() < 0) {
                problems.add(new PolicyProblem(field + ".min_fans", "must not be negative"));
            }
            if (band.minAverageViewers() < 0) {
                problems.add(new PolicyProblem(field + ".min_average_viewers", "must not be negative"));
            }
        }
    }

    private static void checkThresholds(Policy policy, List<PolicyProblem> problems) {
        Thresholds thresholds = policy.thresholds();
        if (thresholds.revokedBelow() < 1) {
            problems.add(new PolicyProblem("thresholds.revoked_below", "must be at least 1"));
        }
        if (thresholds.severelyRestrictedBelow() <= thresholds.revokedBelow()) {
            problems.add(new PolicyProblem("thresholds.severely_restricted_below",
                    "must be above revoked_below"));
        }
        if (thresholds.restrictedBelow() <= thresholds.severelyRestrictedBelow()) {
            problems.add(new PolicyProblem("thresholds.restricted_below",
                    "must be above severely_restricted_below"));
        }
        if (thresholds.restrictedBelow() > policy.initialScore()) {
            problems.add(new PolicyProblem("thresholds.restricted_below", "must not exceed initial_score"));
        }
    }

    /** Lower tiers deny at least what higher tiers deny: falling can never give a capability back. */
    private static void checkTierSanctions(Policy policy, List<PolicyProblem> problems) {
        for (Tier tier = Tier.NORMAL; tier.next() != null; tier = tier.next()) {
            if (!policy.deniedBy(tier.next()).containsAll(policy.deniedBy(tier))) {
                problems.add(new PolicyProblem("tier_sanctions",
                        tier.next() + " must deny everything " + tier + " denies"));
            }
        }
    }

    private static void checkPhases(PhaseSchedule phases, List<PolicyProblem> problems) {
        if (phases.enforcedFrom().isBefore(phases.trialStart())) {
            problems.add(new PolicyProblem("phases.enforced_from", "must not be before trial_start"));
        }
        try {
            ZoneId.of(phases.timeZone());
        } catch (DateTimeException e) {
            problems.add(new PolicyProblem("phases.time_zone", "unknown time zone " + phases.timeZone()));
        }
        RolloutStep previous = null;
        for (int i = 0; i < phases.rollout().size(); i++) {
            RolloutStep step = phases.rollout().get(i);
            String field = "phases.rollout[" + i + "]";
            if (step.percent() < 0 || step.percent() > 100) {
                problems.add(new PolicyProblem(field + ".percent", "must be from 0 to 100"));
            }
            if (previous != null && !step.from().isAfter(previous.from())) {
                problems.add(new PolicyProblem(field + ".from", "steps must be in increasing time order"));
            } else if (previous != null && step.percent() < previous.percent()) {
                problems.add(new PolicyProblem(field + ".percent", "scope must not shrink"));
            }
            previous = step;
        }
    }
}
