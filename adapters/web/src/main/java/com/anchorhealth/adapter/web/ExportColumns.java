package com.anchorhealth.adapter.web;

import com.anchorhealth.adapter.web.CsvExport.Column;
import com.anchorhealth.application.anchor.AnchorView;
import com.anchorhealth.application.appeal.AppealView;
import com.anchorhealth.application.port.out.guild.GuildLedgerEntry;
import com.anchorhealth.application.port.out.guild.MemberAtRemoval;
import com.anchorhealth.application.violation.ViolationView;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.List;

/**
 * The columns of each list's CSV export: what its page shows, with the ids and figures a spreadsheet
 * needs beside them (a violation's id, its base and surcharge points), in the visitor's language.
 */
final class ExportColumns {
    /** The anchor search, and a guild's members. */
    static final List<Column<AnchorView>> ANCHORS = List.of(
            Column.of("anchor.id", anchor -> anchor.record().profile().anchorId().value()),
            Column.of("anchor.name", anchor -> anchor.record().profile().displayName()),
            Column.of("anchor.score", anchor -> anchor.standing().score()),
            Column.of("anchor.tier", (labels, anchor) -> labels.of("tier", anchor.standing().tier())),
            Column.of("anchor.guild", anchor -> anchor.record().profile().guildId()),
            Column.of("anchor.level", anchor -> anchor.record().profile().level()),
            Column.of("anchor.certification", (labels, anchor) -> labels.of("certification",
                    anchor.record().profile().certification())),
            Column.of("anchor.fans", anchor -> anchor.record().profile().fanCount()),
            Column.of("anchor.viewers", anchor -> anchor.record().profile().averageViewers()));

    /** A removed guild's members at its removal, as its page lists them: the name and score each had then. */
    static final List<Column<MemberAtRemoval>> MEMBERS_AT_REMOVAL = List.of(
            Column.of("anchor.id", member -> member.anchorId().value()),
            Column.of("anchor.name", MemberAtRemoval::displayName),
            Column.of("guild.score-at-removal", MemberAtRemoval::score));

    /** One anchor's violations. */
    static final List<Column<ViolationView>> VIOLATIONS = List.of(
            Column.time("violation.recorded", view -> view.violation().recordedAt()),
            Column.of("export.violation-id", view -> view.violation().violationId()),
            Column.of("violation.type", (labels, view) -> labels.violationType(view.violation().report().violationType())),
            Column.of("violation.severity", (labels, view) -> labels.of("severity", view.violation().severity())),
            Column.of("violation.points", view -> view.violation().points()),
            Column.of("export.base-points", view -> view.violation().basePoints()),
            Column.of("export.surcharge-points", view -> view.violation().surchargePoints()),
            Column.of("violation.state", (labels, view) -> labels.of("state", view.violation().state())),
            Column.of("export.no-deduction-reason", view -> view.violation().noDeductionReason()),
            Column.of("violation.policy", view -> view.violation().policyVersion()),
            Column.of("violation.evidence", view -> evidence(view.violation().report().evidenceRefs())));

    /** One anchor's ledger. */
    static final List<Column<ScoreEvent>> LEDGER = List.of(
            Column.of("export.sequence", ScoreEvent::sequence),
            Column.of("ledger.kind", (labels, entry) -> labels.of("kind", entry.kind())),
            Column.of("ledger.delta", ScoreEvent::delta),
            Column.of("ledger.after", ScoreEvent::scoreAfter),
            Column.of("ledger.violation", ScoreEvent::violationId),
            Column.of("ledger.reason", ScoreEvent::reason),
            Column.time("ledger.time", ScoreEvent::recordedAt),
            Column.of("ledger.actor", ScoreEvent::actor));

    /** The appeals the queue shows. */
    static final List<Column<AppealView>> APPEALS = List.of(
            Column.time("appeals.filed", view -> view.appeal().filedAt()),
            Column.of("export.filed-by", view -> view.appeal().filedBy()),
            Column.of("anchor.id", view -> view.appeal().violation().anchorId().value()),
            Column.of("export.score-now", view -> view.standingAfter().score()),
            Column.of("export.violation-id", view -> view.appeal().violation().violationId()),
            Column.of("violation.type", (labels, view) -> labels.violationType(
                    view.appeal().violation().report().violationType())),
            Column.of("violation.severity", (labels, view) -> labels.of("severity",
                    view.appeal().violation().severity())),
            Column.of("violation.points", view -> view.appeal().violation().points()),
            Column.of("violation.policy", view -> view.appeal().violation().policyVersion()),
            Column.time("violation.recorded", view -> view.appeal().violation().recordedAt()),
            Column.of("violation.evidence", view -> evidence(view.appeal().violation().report().evidenceRefs())),
            Column.of("appeals.statement", view -> view.appeal().statement()),
            Column.of("export.appeal-state", (labels, view) -> labels.of("appeal-state", view.appeal().state())));

    /** One guild's ledger. */
    static final List<Column<GuildLedgerEntry>> GUILD_LEDGER = List.of(
            Column.of("export.sequence", entry -> entry.event().sequence()),
            Column.of("ledger.kind", (labels, entry) -> labels.of("guild-event", entry.event().kind())),
            Column.of("ledger.delta", entry -> entry.event().delta()),
            Column.of("ledger.after", entry -> entry.event().scoreAfter()),
            Column.of("guild.cause", (labels, entry) -> GuildLedgerWords.cause(labels, entry).text()),
            Column.of("anchor.id", entry -> entry.event().anchorId().map(AnchorId::value)),
            Column.time("ledger.time", entry -> entry.event().recordedAt()),
            Column.of("ledger.actor", entry -> entry.event().actor()));

    private ExportColumns() {
    }

    /** A violation's references, one a line in the cell. */
    private static String evidence(List<String> references) {
        return String.join("\n", references);
    }
}
