package com.anchorhealth.adapter.grpc;

import com.anchorhealth.api.v1.AudienceBand;
import com.anchorhealth.api.v1.DeductionRow;
import com.anchorhealth.api.v1.PhaseSchedule;
import com.anchorhealth.api.v1.RolloutStep;
import com.anchorhealth.api.v1.SeverityPoints;
import com.anchorhealth.api.v1.Thresholds;
import com.anchorhealth.api.v1.TierSanctions;
import com.anchorhealth.api.v1.ViolationType;
import com.anchorhealth.application.port.out.policy.PolicyCodec;
import com.anchorhealth.domain.guild.GuildRules;
import com.anchorhealth.domain.policy.DeductionMatrix;
import com.anchorhealth.domain.policy.DefaultPolicy;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.RecoveryRules;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Severity;
import com.anchorhealth.domain.vocabulary.Tier;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.protobuf.util.Timestamps;

import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy as the API's {@code Policy} message and its JSON form: what is stored, published and
 * read from {@code --policy FILE}.
 */
public final class ProtoPolicyCodec implements PolicyCodec {
    private static final JsonFormat.Printer PRINTER = JsonFormat.printer().preservingProtoFieldNames();
    private static final JsonFormat.Parser PARSER = JsonFormat.parser();

    @Override
    public String encode(Policy policy) {
        try {
            return PRINTER.print(toProto(policy));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a policy message always prints", e);
        }
    }

    @Override
    public Policy decode(String document) {
        return fromProto(parse(document));
    }

    /**
     * A policy file: every top-level field the file leaves out takes its default, so a file that
     * changes only the thresholds keeps the rest of the default policy. The version is assigned on
     * publication.
     */
    public Policy readPolicyFile(String json) {
        return overlay(parse(json), DefaultPolicy.candidate());
    }

    /**
     * The given policy with every top-level field it leaves unset (message fields absent, repeated
     * fields empty) taken from {@code base}; version 0, since the version is assigned on publication.
     */
    public static Policy overlay(com.anchorhealth.api.v1.Policy given, Policy base) {
        com.anchorhealth.api.v1.Policy.Builder merged = toProto(base).toBuilder();
        for (FieldDescriptor field : com.anchorhealth.api.v1.Policy.getDescriptor().getFields()) {
            boolean present = field.isRepeated() ? given.getRepeatedFieldCount(field) > 0 : given.hasField(field);
            if (present) {
                merged.setField(field, given.getField(field));
            }
        }
        return fromProto(merged.setVersion(0).clearName().build());
    }

    public static com.anchorhealth.api.v1.Policy toProto(Policy policy) {
        com.anchorhealth.api.v1.Policy.Builder proto = com.anchorhealth.api.v1.Policy.newBuilder()
                .setVersion(policy.version())
                .setEffectiveAt(Requests.timestamp(policy.effectiveAt()))
                .setInitialScore(policy.initialScore())
                .setCertifiedInitialScore(policy.certifiedInitialScore())
                .setThresholds(Thresholds.newBuilder()
                        .setRestrictedBelow(policy.thresholds().restrictedBelow())
                        .setSeverelyRestrictedBelow(policy.thresholds().severelyRestrictedBelow())
                        .setRevokedBelow(policy.thresholds().revokedBelow()))
                .setPhases(phases(policy.phases()))
                .setTrafficSupportCleanDays(policy.trafficSupportCleanDays())
                .setWarningMargin(policy.warningMargin())
                .setAppealWindowDays(policy.appealWindowDays())
                .setSessionSettlementDays(policy.sessionSettlementDays())
                .setGuildRules(guildRules(policy.guildRules()))
                .setRecovery(recovery(policy.recovery()));
        if (policy.version() > 0) {
            proto.setName("policies/" + policy.version());
        }
        policy.violationTypes().forEach(type -> proto.addViolationTypes(ViolationType.newBuilder()
                .setCode(type.code()).setDisplayName(type.displayName())
                .setSeverity(Messages.protoEnum(type.severity(), com.anchorhealth.api.v1.Severity.class))
                .setRevokesSelling(type.revokesSelling())));
        new EnumMap<>(policy.deductions().rows()).forEach((severity, points) -> proto.addDeductions(DeductionRow
                .newBuilder().setSeverity(Messages.protoEnum(severity, com.anchorhealth.api.v1.Severity.class))
                .addAllPointsByLevel(points)));
        policy.audienceSurcharges().forEach(band -> proto.addAudienceSurcharges(AudienceBand.newBuilder()
                .setPoints(band.points()).setMinFans(band.minFans()).setMinAverageViewers(band.minAverageViewers())));
        new EnumMap<>(policy.tierSanctions()).forEach((tier, denied) -> {
            TierSanctions.Builder sanctions = TierSanctions.newBuilder()
                    .setTier(Messages.protoEnum(tier, com.anchorhealth.api.v1.Tier.class));
            (denied.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(denied)).forEach(capability ->
                    sanctions.addDeniedCapabilities(Messages.protoEnum(capability,
                            com.anchorhealth.api.v1.Capability.class)));
            proto.addTierSanctions(sanctions);
        });
        return proto.build();
    }

    /** Throws {@link IllegalArgumentException} naming what cannot be a policy (unknown enum values). */
    public static Policy fromProto(com.anchorhealth.api.v1.Policy proto) {
        Map<Severity, List<Integer>> deductions = new EnumMap<>(Severity.class);
        proto.getDeductionsList().forEach(row -> deductions.put(domain(row.getSeverity(), Severity.class,
                "deductions.severity"), row.getPointsByLevelList()));
        Map<Tier, Set<Capability>> sanctions = new EnumMap<>(Tier.class);
        proto.getTierSanctionsList().forEach(row -> sanctions.put(domain(row.getTier(), Tier.class, "tier_sanctions.tier"),
                Set.copyOf(row.getDeniedCapabilitiesList().stream()
                        .map(c -> domain(c, Capability.class, "tier_sanctions.denied_capabilities")).toList())));
        PhaseSchedule phases = proto.getPhases();
        return new Policy(
                proto.getVersion(),
                instant(proto.getEffectiveAt(), "effective_at"),
                proto.getInitialScore(),
                proto.getCertifiedInitialScore(),
                proto.getViolationTypesList().stream().map(type -> new com.anchorhealth.domain.policy.ViolationType(
                        type.getCode(), type.getDisplayName(),
                        domain(type.getSeverity(), Severity.class, "violation_types.severity"),
                        type.getRevokesSelling())).toList(),
                new DeductionMatrix(deductions),
                proto.getAudienceSurchargesList().stream().map(band -> new com.anchorhealth.domain.policy.AudienceBand(
                        band.getPoints(), band.getMinFans(), band.getMinAverageViewers())).toList(),
                new com.anchorhealth.domain.policy.Thresholds(proto.getThresholds().getRestrictedBelow(),
                        proto.getThresholds().getSeverelyRestrictedBelow(), proto.getThresholds().getRevokedBelow()),
                sanctions,
                new com.anchorhealth.domain.policy.PhaseSchedule(
                        instant(phases.getTrialStart(), "phases.trial_start"),
                        instant(phases.getEnforcedFrom(), "phases.enforced_from"), phases.getTimeZone(),
                        phases.getRolloutList().stream().map(step -> new com.anchorhealth.domain.policy.RolloutStep(
                                instant(step.getFrom(), "phases.rollout.from"), step.getPercent())).toList()),
                proto.getTrafficSupportCleanDays(),
                proto.getWarningMargin(),
                proto.getAppealWindowDays(),
                // Policies published before the field existed hold none: they settle sessions by the default.
                orDefault(proto.getSessionSettlementDays(), DefaultPolicy.DEFAULT_SESSION_SETTLEMENT_DAYS),
                new GuildRules(proto.getGuildRules().getInitialScore(),
                        severityPoints(proto.getGuildRules().getOwnViolationPointsList()),
                        severityPoints(proto.getGuildRules().getMemberViolationPointsList()),
                        proto.getGuildRules().getRemovalAtOrBelow()),
                recovery(proto.getRecovery()));
    }

    private static com.anchorhealth.api.v1.RecoveryRules recovery(RecoveryRules rules) {
        return com.anchorhealth.api.v1.RecoveryRules.newBuilder()
                .setTimeBased(rules.timeBased())
                .setCleanDaysPerPoint(rules.cleanDaysPerPoint())
                .setLowScoreBelow(rules.lowScoreBelow())
                .setLowScoreCleanDaysPerPoint(rules.lowScoreCleanDaysPerPoint())
                .setLearningTasks(rules.learningTasks())
                .setLearningTaskIntervalDays(rules.learningTaskIntervalDays())
                .build();
    }

    /** Zero day counts and score line take the defaults, so a policy file can say just what it turns on. */
    private static RecoveryRules recovery(com.anchorhealth.api.v1.RecoveryRules proto) {
        RecoveryRules defaults = RecoveryRules.off();
        return new RecoveryRules(proto.getTimeBased(),
                orDefault(proto.getCleanDaysPerPoint(), defaults.cleanDaysPerPoint()),
                orDefault(proto.getLowScoreBelow(), defaults.lowScoreBelow()),
                orDefault(proto.getLowScoreCleanDaysPerPoint(), defaults.lowScoreCleanDaysPerPoint()),
                proto.getLearningTasks(),
                orDefault(proto.getLearningTaskIntervalDays(), defaults.learningTaskIntervalDays()));
    }

    private static int orDefault(int value, int fallback) {
        return value == 0 ? fallback : value;
    }

    private static com.anchorhealth.api.v1.GuildRules guildRules(GuildRules rules) {
        com.anchorhealth.api.v1.GuildRules.Builder proto = com.anchorhealth.api.v1.GuildRules.newBuilder()
                .setInitialScore(rules.initialScore())
                .setRemovalAtOrBelow(rules.removalAtOrBelow());
        for (Severity severity : Severity.values()) {
            proto.addOwnViolationPoints(severityPoints(severity, rules.ownPoints(severity)));
            proto.addMemberViolationPoints(severityPoints(severity, rules.memberPoints(severity)));
        }
        return proto.build();
    }

    private static SeverityPoints severityPoints(Severity severity, int points) {
        return SeverityPoints.newBuilder()
                .setSeverity(Messages.protoEnum(severity, com.anchorhealth.api.v1.Severity.class)).setPoints(points)
                .build();
    }

    private static Map<Severity, Integer> severityPoints(List<SeverityPoints> rows) {
        Map<Severity, Integer> points = new EnumMap<>(Severity.class);
        rows.forEach(row -> points.put(domain(row.getSeverity(), Severity.class, "guild_rules.severity"),
                row.getPoints()));
        return points;
    }

    private static PhaseSchedule.Builder phases(com.anchorhealth.domain.policy.PhaseSchedule phases) {
        PhaseSchedule.Builder proto = PhaseSchedule.newBuilder()
                .setTrialStart(Requests.timestamp(phases.trialStart()))
                .setEnforcedFrom(Requests.timestamp(phases.enforcedFrom()))
                .setTimeZone(phases.timeZone());
        phases.rollout().forEach(step -> proto.addRollout(RolloutStep.newBuilder()
                .setFrom(Requests.timestamp(step.from())).setPercent(step.percent())));
        return proto;
    }

    private static com.anchorhealth.api.v1.Policy parse(String json) {
        com.anchorhealth.api.v1.Policy.Builder builder = com.anchorhealth.api.v1.Policy.newBuilder();
        try {
            PARSER.merge(json, builder);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return builder.build();
    }

    private static <D extends Enum<D>> D domain(Enum<?> proto, Class<D> domainType, String field) {
        try {
            return Enum.valueOf(domainType, proto.name());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(field + ": " + proto.name() + " is not a " + domainType.getSimpleName());
        }
    }

    private static Instant instant(com.google.protobuf.Timestamp timestamp, String field) {
        if (!Timestamps.isValid(timestamp)) {
            throw new IllegalArgumentException(field + ": not a valid timestamp (years 1-9999, nanos 0-999999999)");
        }
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
