package com.anchorhealth.adapter.grpc;

import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.Appeal;
import com.anchorhealth.api.v1.Decision;
import com.anchorhealth.api.v1.Guild;
import com.anchorhealth.api.v1.GuildEvent;
import com.anchorhealth.api.v1.PublicNotice;
import com.anchorhealth.api.v1.ScoreEvent;
import com.anchorhealth.api.v1.Standing;
import com.anchorhealth.api.v1.Violation;
import com.anchorhealth.application.anchor.AnchorView;
import com.anchorhealth.application.appeal.AppealView;
import com.anchorhealth.application.guild.GuildView;
import com.anchorhealth.application.guild.ManageGuilds;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.violation.ViolationView;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.domain.sanction.CapabilityDecision;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;
import com.anchorhealth.domain.vocabulary.AnchorProfile;

/**
 * Domain values to API messages. Domain and API enums share their value names, so enums map by name.
 */
final class Messages {
    private Messages() {
    }

    static <E extends Enum<E>> E protoEnum(Enum<?> domain, Class<E> protoType) {
        return Enum.valueOf(protoType, domain.name());
    }

    static Anchor anchor(AnchorView view) {
        AnchorRecord record = view.record();
        AnchorProfile profile = record.profile();
        return Anchor.newBuilder()
                .setName(AnchorNames.anchor(profile.anchorId()))
                .setAnchorId(profile.anchorId().value())
                .setDisplayName(profile.displayName())
                .setCertification(protoEnum(profile.certification(), com.anchorhealth.api.v1.Certification.class))
                .setLevel(profile.level())
                .setFanCount(profile.fanCount())
                .setAverageViewers(profile.averageViewers())
                .setGuildId(profile.guildId().orElse(""))
                .setStanding(standing(view.standing()))
                .setCreateTime(Requests.timestamp(record.createdAt()))
                .setUpdateTime(Requests.timestamp(record.updatedAt()))
                .build();
    }

    static Standing standing(com.anchorhealth.domain.sanction.Standing standing) {
        Standing.Builder builder = Standing.newBuilder()
                .setScore(standing.score())
                .setInitialScore(standing.initialScore())
                .setTier(protoEnum(standing.tier(), com.anchorhealth.api.v1.Tier.class))
                .setPointsToNextThreshold(standing.pointsToNextThreshold())
                .setInScope(standing.inScope())
                .setEnforced(standing.enforced())
                .setPolicyVersion(standing.policyVersion())
                .setAsOf(Requests.timestamp(standing.asOf()));
        standing.deniedCapabilities().stream().sorted()
                .forEach(c -> builder.addDeniedCapabilities(protoEnum(c, com.anchorhealth.api.v1.Capability.class)));
        standing.nextTierDown().ifPresent(t -> builder.setNextTierDown(protoEnum(t, com.anchorhealth.api.v1.Tier.class)));
        standing.lastViolationAt().ifPresent(at -> builder.setLastViolationTime(Requests.timestamp(at)));
        return builder.build();
    }

    static Violation violation(ViolationView view) {
        RecordedViolation violation = view.violation();
        ViolationReport report = violation.report();
        return Violation.newBuilder()
                .setName(AnchorNames.violation(report.anchorId(), violation.violationId()))
                .setAnchorId(report.anchorId().value())
                .setViolationType(report.violationType())
                .setSeverity(protoEnum(violation.severity(), com.anchorhealth.api.v1.Severity.class))
                .setOccurredAt(Requests.timestamp(report.occurredAt()))
                .setRecordTime(Requests.timestamp(violation.recordedAt()))
                .setLiveSessionId(report.liveSessionId().orElse(""))
                .setSource(report.source())
                .addAllEvidenceRefs(report.evidenceRefs())
                .setPoints(violation.points())
                .setBasePoints(violation.basePoints())
                .setSurchargePoints(violation.surchargePoints())
                .setPolicyVersion(violation.policyVersion())
                .setState(protoEnum(violation.state(), Violation.State.class))
                .setStandingAfter(standing(view.standingAfter()))
                .setNoDeductionReason(violation.noDeductionReason().orElse(""))
                .setRequestId(violation.requestId())
                .setRevokesSelling(violation.revokesSelling())
                .build();
    }

    static Appeal appeal(AppealView view) {
        com.anchorhealth.domain.appeal.Appeal appeal = view.appeal();
        RecordedViolation violation = appeal.violation();
        Appeal.Builder builder = Appeal.newBuilder()
                .setName(AnchorNames.appeal(violation.anchorId(), violation.violationId()))
                .setViolation(AnchorNames.violation(violation.anchorId(), violation.violationId()))
                .setStatement(appeal.statement())
                .setState(protoEnum(appeal.state(), Appeal.State.class))
                .setFileTime(Requests.timestamp(appeal.filedAt()))
                .setDecisionNote(appeal.decisionNote().orElse(""))
                .setDecidedBy(appeal.decidedBy().orElse(""))
                .setStandingAfter(standing(view.standingAfter()));
        appeal.decidedAt().ifPresent(at -> builder.setDecideTime(Requests.timestamp(at)));
        return builder.build();
    }

    static ScoreEvent scoreEvent(com.anchorhealth.domain.score.ScoreEvent event) {
        return ScoreEvent.newBuilder()
                .setName(AnchorNames.scoreEvent(event.anchorId(), event.sequence()))
                .setSequence(event.sequence())
                .setKind(protoEnum(event.kind(), ScoreEvent.Kind.class))
                .setDelta(event.delta())
                .setScoreAfter(event.scoreAfter())
                .setViolation(event.violationId().map(id -> AnchorNames.violation(event.anchorId(), id)).orElse(""))
                .setTime(Requests.timestamp(event.recordedAt()))
                .setActor(event.actor())
                .setReason(event.reason().orElse(""))
                .build();
    }

    static GuildEvent guildEvent(com.anchorhealth.domain.guild.GuildEvent event) {
        return GuildEvent.newBuilder()
                .setName(ManageGuilds.eventName(event.guildId(), event.sequence()))
                .setSequence(event.sequence())
                .setKind(protoEnum(event.kind(), GuildEvent.Kind.class))
                .setDelta(event.delta())
                .setScoreAfter(event.scoreAfter())
                .setDescription(event.description())
                .setViolation(event.anchorId().flatMap(anchorId -> event.violationId()
                        .map(violationId -> AnchorNames.violation(anchorId, violationId))).orElse(""))
                .setTime(Requests.timestamp(event.recordedAt()))
                .setActor(event.actor())
                .setAnchor(event.anchorId().map(AnchorNames::anchor).orElse(""))
                .build();
    }

    /** The decision of a check of {@code anchorId}. */
    static Decision decision(AnchorId anchorId, CapabilityDecision decision) {
        return Decision.newBuilder()
                .setAllowed(decision.allowed())
                .setEnforced(decision.enforced())
                .setAllowedIfEnforced(decision.allowedIfEnforced())
                .setTier(protoEnum(decision.tier(), com.anchorhealth.api.v1.Tier.class))
                .setScore(decision.score())
                .setReason(protoEnum(decision.reason(), Decision.Reason.class))
                .setPolicyVersion(decision.policyVersion())
                .setKnownAnchor(decision.knownAnchor())
                .setAnchorId(anchorId.value())
                .setCapability(protoEnum(decision.capability(), com.anchorhealth.api.v1.Capability.class))
                .setInScope(decision.inScope())
                .build();
    }

    static Guild guild(GuildView view) {
        com.anchorhealth.domain.guild.Guild guild = view.guild();
        Guild.Builder builder = Guild.newBuilder()
                .setName("guilds/" + guild.guildId())
                .setGuildId(guild.guildId())
                .setDisplayName(guild.displayName())
                .setScore(guild.score())
                .setInitialScore(guild.initialScore())
                .setStatus(protoEnum(guild.status(), Guild.Status.class))
                .setMemberCount(view.memberCount())
                .setCreateTime(Requests.timestamp(guild.createdAt()));
        guild.removedAt().ifPresent(at -> builder.setRemovedAt(Requests.timestamp(at)));
        return builder.build();
    }

    static PublicNotice notice(com.anchorhealth.domain.guild.PublicNotice notice) {
        return PublicNotice.newBuilder()
                .setName("publicNotices/" + notice.noticeId())
                .setKind(PublicNotice.Kind.valueOf(notice.kind()))
                .setSubject(notice.subject())
                .setScore(notice.score())
                .setPublishedAt(Requests.timestamp(notice.publishedAt()))
                .setReason(notice.reason())
                .build();
    }
}
