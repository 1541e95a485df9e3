package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.anchor.AnchorView;
import com.anchorhealth.application.appeal.AppealView;
import com.anchorhealth.application.guild.GuildView;
import com.anchorhealth.application.guild.RecordGuildViolation;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.policy.PolicyCodec;
import com.anchorhealth.application.violation.ViolationView;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.appeal.AppealState;
import com.anchorhealth.domain.guild.Guild;
import com.anchorhealth.domain.guild.GuildStatus;
import com.anchorhealth.domain.guild.PublicNotice;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Certification;
import com.anchorhealth.domain.vocabulary.Severity;
import com.anchorhealth.domain.vocabulary.Tier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.anchorhealth.adapter.persistence.FormFields.constant;
import static com.anchorhealth.adapter.persistence.FormFields.flag;
import static com.anchorhealth.adapter.persistence.FormFields.instant;
import static com.anchorhealth.adapter.persistence.FormFields.integer;
import static com.anchorhealth.adapter.persistence.FormFields.number;
import static com.anchorhealth.adapter.persistence.FormFields.object;
import static com.anchorhealth.adapter.persistence.FormFields.optionalConstant;
import static com.anchorhealth.adapter.persistence.FormFields.optionalInstant;
import static com.anchorhealth.adapter.persistence.FormFields.optionalText;
import static com.anchorhealth.adapter.persistence.FormFields.putOptional;
import static com.anchorhealth.adapter.persistence.FormFields.putTexts;
import static com.anchorhealth.adapter.persistence.FormFields.text;
import static com.anchorhealth.adapter.persistence.FormFields.texts;

/**
 * The forms of the responses mutating calls keep (docs/RELIABILITY.md, "Kept responses"). Version 1
 * keeps the field names of the documents kept before forms (version 0), so one reader reads both,
 * and leaves out what no response shows and a version 0 document may hold in bulk: an anchor's live
 * sessions (a restored anchor has none).
 */
final class ResponseForms {
    private ResponseForms() {
    }

    static List<ResponseForm<?>> all(PolicyCodec policies) {
        return List.of(
                new ResponseForm<>("anchor", 1, AnchorView.class, ResponseForms::writeAnchorView,
                        (document, version) -> readAnchorView(document)),
                new ResponseForm<>("violation", 1, ViolationView.class, (view, document) -> {
                    writeViolation(view.violation(), document.putObject("violation"));
                    writeStanding(view.standingAfter(), document.putObject("standingAfter"));
                }, (document, version) -> new ViolationView(readViolation(object(document, "violation")),
                        readStanding(object(document, "standingAfter")))),
                new ResponseForm<>("appeal", 1, AppealView.class, (view, document) -> {
                    writeAppeal(view.appeal(), document.putObject("appeal"));
                    writeStanding(view.standingAfter(), document.putObject("standingAfter"));
                }, (document, version) -> new AppealView(readAppeal(object(document, "appeal")),
                        readStanding(object(document, "standingAfter")))),
                new ResponseForm<>("guild", 1, GuildView.class, ResponseForms::writeGuildView,
                        (document, version) -> readGuildView(document)),
                new ResponseForm<>("guild_violation", 1, RecordGuildViolation.Result.class, (result, document) -> {
                    writeGuildView(result.guild(), document.putObject("guild"));
                    document.put("points", result.points());
                    document.put("removed", result.removed());
                    result.notice().ifPresentOrElse(notice -> writeNotice(notice, document.putObject("notice")),
                            () -> document.putNull("notice"));
                }, (document, version) -> new RecordGuildViolation.Result(readGuildView(object(document, "guild")),
                        integer(document, "points"), flag(document, "removed"),
                        document.path("notice").isObject()
                                ? Optional.of(readNotice(document.get("notice")))
                                : Optional.empty())),
                // A policy is kept in its published document form, as policy versions are; version 0 is that text alone.
                new ResponseForm<>("policy", 1, Policy.class,
                        (policy, document) -> document.put("document", policies.encode(policy)),
                        (document, version) -> policies.decode(version == 0 ? document.asText()
                                : text(document, "document"))));
    }

    private static void writeAnchorView(AnchorView view, ObjectNode document) {
        ObjectNode record = document.putObject("record");
        Anchor anchor = view.record().anchor();
        ObjectNode written = record.putObject("anchor");
        writeProfile(anchor.profile(), written.putObject("profile"));
        AnchorScore score = anchor.score();
        ObjectNode scoreNode = written.putObject("score");
        writeAnchorId(score.anchorId(), scoreNode);
        scoreNode.put("initialScore", score.initialScore());
        scoreNode.put("score", score.score());
        scoreNode.put("ledgerSequence", score.ledgerSequence());
        putOptional(scoreNode, "lastViolationAt", score.lastViolationAt().map(Instant::toString));
        written.put("sellingRevocations", anchor.sellingRevocations());
        putOptional(written, "cleanSince", anchor.cleanSince().map(Instant::toString));
        record.put("createdAt", view.record().createdAt().toString());
        record.put("updatedAt", view.record().updatedAt().toString());
        writeStanding(view.standing(), document.putObject("standing"));
    }

    private static AnchorView readAnchorView(JsonNode document) {
        JsonNode record = object(document, "record");
        JsonNode anchor = object(record, "anchor");
        JsonNode score = object(anchor, "score");
        AnchorScore projection = new AnchorScore(readAnchorId(score), integer(score, "initialScore"),
                integer(score, "score"), integer(score, "ledgerSequence"), optionalInstant(score, "lastViolationAt"));
        Anchor restored = new Anchor(readProfile(object(anchor, "profile")), projection,
                integer(anchor, "sellingRevocations"), HeldSessions.NONE, optionalInstant(anchor, "cleanSince"));
        return new AnchorView(new AnchorRecord(restored, instant(record, "createdAt"), instant(record, "updatedAt")),
                readStanding(object(document, "standing")));
    }

    private static void writeProfile(AnchorProfile profile, ObjectNode node) {
        writeAnchorId(profile.anchorId(), node);
        node.put("displayName", profile.displayName());
        node.put("certification", profile.certification().name());
        node.put("level", profile.level());
        node.put("fanCount", profile.fanCount());
        node.put("averageViewers", profile.averageViewers());
        putOptional(node, "guildId", profile.guildId());
    }

    private static AnchorProfile readProfile(JsonNode node) {
        return new AnchorProfile(readAnchorId(node), text(node, "displayName"),
                constant(node, "certification", Certification.class), integer(node, "level"),
                number(node, "fanCount"), number(node, "averageViewers"), optionalText(node, "guildId"));
    }

    private static void writeStanding(Standing standing, ObjectNode node) {
        writeAnchorId(standing.anchorId(), node);
        node.put("score", standing.score());
        node.put("initialScore", standing.initialScore());
        node.put("tier", standing.tier().name());
        putTexts(node, "deniedCapabilities", standing.deniedCapabilities().stream().sorted().map(Enum::name).toList());
        node.put("pointsToNextThreshold", standing.pointsToNextThreshold());
        putOptional(node, "nextTierDown", standing.nextTierDown().map(Enum::name));
        node.put("inScope", standing.inScope());
        node.put("enforced", standing.enforced());
        node.put("policyVersion", standing.policyVersion());
        putOptional(node, "lastViolationAt", standing.lastViolationAt().map(Instant::toString));
        node.put("asOf", standing.asOf().toString());
    }

    private static Standing readStanding(JsonNode node) {
        Set<Capability> denied = EnumSet.noneOf(Capability.class);
        texts(node, "deniedCapabilities").forEach(name -> denied.add(Capability.valueOf(name)));
        return new Standing(readAnchorId(node), integer(node, "score"), integer(node, "initialScore"),
                constant(node, "tier", Tier.class), denied, integer(node, "pointsToNextThreshold"),
                optionalConstant(node, "nextTierDown", Tier.class), flag(node, "inScope"), flag(node, "enforced"),
                number(node, "policyVersion"), optionalInstant(node, "lastViolationAt"), instant(node, "asOf"));
    }

    private static void writeViolation(RecordedViolation violation, ObjectNode node) {
        node.put("violationId", violation.violationId());
        node.put("requestId", violation.requestId());
        ViolationReport report = violation.report();
        ObjectNode reportNode = node.putObject("report");
        writeAnchorId(report.anchorId(), reportNode);
        reportNode.put("violationType", report.violationType());
        reportNode.put("occurredAt", report.occurredAt().toString());
        putOptional(reportNode, "liveSessionId", report.liveSessionId());
        reportNode.put("source", report.source());
        putTexts(reportNode, "evidenceRefs", report.evidenceRefs());
        node.put("severity", violation.severity().name());
        node.put("revokesSelling", violation.revokesSelling());
        node.put("recordedAt", violation.recordedAt().toString());
        node.put("basePoints", violation.basePoints());
        node.put("surchargePoints", violation.surchargePoints());
        node.put("points", violation.points());
        node.put("policyVersion", violation.policyVersion());
        node.put("state", violation.state().name());
        putOptional(node, "noDeductionReason", violation.noDeductionReason());
        node.put("ledgerSequence", violation.ledgerSequence());
    }

    private static RecordedViolation readViolation(JsonNode node) {
        JsonNode report = object(node, "report");
        return new RecordedViolation(text(node, "violationId"), text(node, "requestId"),
                new ViolationReport(readAnchorId(report), text(report, "violationType"), instant(report, "occurredAt"),
                        optionalText(report, "liveSessionId"), text(report, "source"), texts(report, "evidenceRefs")),
                constant(node, "severity", Severity.class), flag(node, "revokesSelling"), instant(node, "recordedAt"),
                integer(node, "basePoints"), integer(node, "surchargePoints"), integer(node, "points"),
                number(node, "policyVersion"), constant(node, "state", ViolationState.class),
                optionalText(node, "noDeductionReason"), integer(node, "ledgerSequence"));
    }

    private static void writeAppeal(Appeal appeal, ObjectNode node) {
        writeViolation(appeal.violation(), node.putObject("violation"));
        node.put("statement", appeal.statement());
        node.put("filedAt", appeal.filedAt().toString());
        node.put("filedBy", appeal.filedBy());
        node.put("state", appeal.state().name());
        putOptional(node, "decidedAt", appeal.decidedAt().map(Instant::toString));
        putOptional(node, "decisionNote", appeal.decisionNote());
        putOptional(node, "decidedBy", appeal.decidedBy());
    }

    private static Appeal readAppeal(JsonNode node) {
        return new Appeal(readViolation(object(node, "violation")), text(node, "statement"), instant(node, "filedAt"),
                text(node, "filedBy"), constant(node, "state", AppealState.class), optionalInstant(node, "decidedAt"),
                optionalText(node, "decisionNote"), optionalText(node, "decidedBy"));
    }

    private static void writeGuildView(GuildView view, ObjectNode document) {
        Guild guild = view.guild();
        ObjectNode node = document.putObject("guild");
        node.put("guildId", guild.guildId());
        node.put("displayName", guild.displayName());
        node.put("initialScore", guild.initialScore());
        node.put("score", guild.score());
        node.put("status", guild.status().name());
        node.put("eventSequence", guild.eventSequence());
        node.put("createdAt", guild.createdAt().toString());
        putOptional(node, "removedAt", guild.removedAt().map(Instant::toString));
        document.put("memberCount", view.memberCount());
    }

    private static GuildView readGuildView(JsonNode document) {
        JsonNode node = object(document, "guild");
        return new GuildView(new Guild(text(node, "guildId"), text(node, "displayName"), integer(node, "initialScore"),
                integer(node, "score"), constant(node, "status", GuildStatus.class), integer(node, "eventSequence"),
                instant(node, "createdAt"), optionalInstant(node, "removedAt")), number(document, "memberCount"));
    }

    private static void writeNotice(PublicNotice notice, ObjectNode node) {
        node.put("noticeId", notice.noticeId());
        node.put("kind", notice.kind());
        node.put("subject", notice.subject());
        node.put("score", notice.score());
        node.put("publishedAt", notice.publishedAt().toString());
        node.put("reason", notice.reason());
    }

    private static PublicNotice readNotice(JsonNode node) {
        return new PublicNotice(text(node, "noticeId"), text(node, "kind"), text(node, "subject"),
                integer(node, "score"), instant(node, "publishedAt"), text(node, "reason"));
    }

    /** An anchor id is an object with its value, as version 0 kept it. */
    private static void writeAnchorId(AnchorId anchorId, ObjectNode node) {
        node.putObject("anchorId").put("value", anchorId.value());
    }

    private static AnchorId readAnchorId(JsonNode node) {
        return new AnchorId(text(object(node, "anchorId"), "value"));
    }
}
