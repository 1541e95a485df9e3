package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.policy.ReplayHistories;
import com.anchorhealth.application.port.out.policy.ReplayHistory;
import com.anchorhealth.domain.score.KeptEntry;
import com.anchorhealth.domain.score.Replay;
import com.anchorhealth.domain.score.ReplayedViolation;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.score.ViolationCounts;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Certification;
import com.anchorhealth.domain.vocabulary.Severity;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.TableField;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.anchorhealth.adapter.persistence.jooq.Tables.ANCHORS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.SCORE_EVENTS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.VIOLATIONS;

/**
 * The histories a replay reads, by ranges of the primary keys of {@code anchors}, {@code violations}
 * and {@code score_events} (the last two lead with the anchor id): each range read in key order, with
 * only the columns a replay uses, straight from the driver's rows (millions of them; no jOOQ record
 * each). The violations of a range are counted by the database, one row an anchor; only those of the
 * anchors whose counts do not decide their replay are read, each anchor's in one text.
 */
public final class JooqReplayHistories implements ReplayHistories {
    private static final String OVERTURNED = ViolationState.OVERTURNED.name();
    private static final List<String> KEPT_KINDS = Replay.KEPT_KINDS.stream().map(ScoreEventKind::name).sorted()
            .toList();

    private final DSLContext dsl;
    /**
     * An anchor's violations in recording order (of their ids), one text of entries
     * {@code recorded_at,occurred_at,severity,state;}: one row an anchor where there was one a violation,
     * which the driver reads for a fraction of the CPU.
     */
    private final Field<String> encodedViolations;

    public JooqReplayHistories(DSLContext dsl) {
        this.dsl = dsl;
        this.encodedViolations = encodedViolations(dsl.dialect());
    }

    /**
     * On MySQL and MariaDB, GROUP_CONCAT of the columns themselves (a quarter less of MariaDB's CPU than
     * one CONCAT of them cast to text, H2's only form), written out: jOOQ would wrap its own in
     * statements raising {@code group_concat_max_len}, which the pool's connections refuse. A text cut
     * short is read again instead.
     */
    private static Field<String> encodedViolations(SQLDialect dialect) {
        if (dialect.family() == SQLDialect.H2) {
            return DSL.groupConcat(DSL.concat(VIOLATIONS.RECORDED_AT.cast(SQLDataType.VARCHAR), DSL.inline(","),
                            VIOLATIONS.OCCURRED_AT.cast(SQLDataType.VARCHAR), DSL.inline(","), VIOLATIONS.SEVERITY,
                            DSL.inline(","), VIOLATIONS.STATE, DSL.inline(ViolationEntries.END)))
                    .orderBy(VIOLATIONS.VIOLATION_ID).separator("");
        }
        return DSL.field("group_concat({0}, ',', {1}, ',', {2}, ',', {3}, {4} order by {5} separator '')",
                SQLDataType.VARCHAR, VIOLATIONS.RECORDED_AT, VIOLATIONS.OCCURRED_AT, VIOLATIONS.SEVERITY,
                VIOLATIONS.STATE, DSL.inline(ViolationEntries.END), VIOLATIONS.VIOLATION_ID);
    }

    @Override
    public Optional<AnchorId> rangeEnd(Optional<AnchorId> after, int count) {
        return StoreErrors.translating(() -> dsl.select(ANCHORS.ANCHOR_ID).from(ANCHORS)
                .where(within(ANCHORS.ANCHOR_ID, after, Optional.empty()))
                .orderBy(ANCHORS.ANCHOR_ID)
                .limit(1).offset(count - 1)
                .fetchOptional(ANCHORS.ANCHOR_ID)
                .map(AnchorId::new));
    }

    @Override
    public List<ReplayHistory> range(Optional<AnchorId> after, Optional<AnchorId> last) {
        Map<String, CountedViolations> violations = new HashMap<>();
        read(dsl.select(VIOLATIONS.ANCHOR_ID, DSL.count(), countOf(Severity.MINOR), countOf(Severity.MODERATE),
                        countOf(Severity.SERIOUS), countOf(Severity.SEVERE), DSL.min(VIOLATIONS.OCCURRED_AT))
                .from(VIOLATIONS)
                .where(within(VIOLATIONS.ANCHOR_ID, after, last))
                .groupBy(VIOLATIONS.ANCHOR_ID), row -> violations.put(row.getString(1), new CountedViolations(
                        row.getInt(2), new ViolationCounts(row.getInt(3), row.getInt(4), row.getInt(5), row.getInt(6),
                        Times.fromMillis(row.getLong(7))))));
        Map<String, List<KeptEntry>> kept = new HashMap<>();
        read(dsl.select(SCORE_EVENTS.ANCHOR_ID, SCORE_EVENTS.RECORDED_AT, SCORE_EVENTS.DELTA)
                .from(SCORE_EVENTS)
                .where(within(SCORE_EVENTS.ANCHOR_ID, after, last))
                .and(SCORE_EVENTS.KIND.in(KEPT_KINDS))
                .orderBy(SCORE_EVENTS.ANCHOR_ID, SCORE_EVENTS.SEQ), row -> kept
                .computeIfAbsent(row.getString(1), id -> new ArrayList<>())
                .add(new KeptEntry(Times.fromMillis(row.getLong(2)), row.getInt(3))));
        List<ReplayHistory> anchors = new ArrayList<>();
        read(dsl.select(ANCHORS.ANCHOR_ID, ANCHORS.DISPLAY_NAME, ANCHORS.CERTIFICATION, ANCHORS.ANCHOR_LEVEL,
                        ANCHORS.FAN_COUNT, ANCHORS.AVERAGE_VIEWERS, ANCHORS.GUILD_ID, ANCHORS.SCORE)
                .from(ANCHORS)
                .where(within(ANCHORS.ANCHOR_ID, after, last))
                .orderBy(ANCHORS.ANCHOR_ID), row -> {
            String id = row.getString(1);
            AnchorProfile profile = new AnchorProfile(new AnchorId(id), row.getString(2),
                    Certification.valueOf(row.getString(3)), row.getInt(4), row.getLong(5), row.getLong(6),
                    Optional.ofNullable(row.getString(7)));
            CountedViolations counted = violations.getOrDefault(id, CountedViolations.NONE);
            anchors.add(new ReplayHistory(profile, row.getInt(8), counted.all(), counted.counts(),
                    kept.getOrDefault(id, List.of())));
        });
        return anchors;
    }

    @Override
    public Map<AnchorId, List<ReplayedViolation>> violationsOf(List<AnchorId> anchorIds) {
        Map<AnchorId, List<ReplayedViolation>> violations = new HashMap<>();
        read(dsl.select(VIOLATIONS.ANCHOR_ID, DSL.count(), encodedViolations)
                .from(VIOLATIONS)
                .where(VIOLATIONS.ANCHOR_ID.in(anchorIds.stream().map(AnchorId::value).toList()))
                .groupBy(VIOLATIONS.ANCHOR_ID), row -> {
            AnchorId anchorId = new AnchorId(row.getString(1));
            violations.put(anchorId, decoded(anchorId, row.getInt(2), row.getString(3)));
        });
        return violations;
    }

    /** The anchor's violations not overturned of that severity. */
    private static Field<Integer> countOf(Severity severity) {
        return DSL.count(DSL.when(VIOLATIONS.SEVERITY.eq(severity.name()).and(VIOLATIONS.STATE.ne(OVERTURNED)),
                DSL.inline(1)));
    }

    /** An anchor's violations as the counting read gave them: how many it has, and those counted. */
    private record CountedViolations(int all, ViolationCounts counts) {
        static final CountedViolations NONE = new CountedViolations(0, ViolationCounts.NONE);
    }

    /**
     * The anchor's {@code count} violations decoded from their text; read again on their own when the
     * database cut the text short ({@code group_concat_max_len} on MySQL and MariaDB, 1 MiB by default:
     * some 20,000 violations), which leaves fewer whole entries than the anchor has.
     */
    private List<ReplayedViolation> decoded(AnchorId anchorId, int count, String entries) {
        List<ReplayedViolation> decoded = ViolationEntries.decode(entries, count);
        if (decoded.size() == count) {
            return decoded;
        }
        List<ReplayedViolation> all = new ArrayList<>(count);
        read(dsl.select(VIOLATIONS.RECORDED_AT, VIOLATIONS.OCCURRED_AT, VIOLATIONS.SEVERITY, VIOLATIONS.STATE)
                .from(VIOLATIONS)
                .where(VIOLATIONS.ANCHOR_ID.eq(anchorId.value()))
                .orderBy(VIOLATIONS.VIOLATION_ID), row -> all.add(new ReplayedViolation(
                        Times.fromMillis(row.getLong(1)), Times.fromMillis(row.getLong(2)),
                        Severity.valueOf(row.getString(3)), OVERTURNED.equals(row.getString(4)))));
        return all;
    }

    private static Condition within(TableField<?, String> anchorId, Optional<AnchorId> after,
                                    Optional<AnchorId> last) {
        return after.map(id -> anchorId.gt(id.value())).orElse(DSL.noCondition())
                .and(last.map(id -> anchorId.le(id.value())).orElse(DSL.noCondition()));
    }

    /** A row as the driver holds it, read by column number. */
    private interface RowReader {
        void read(ResultSet row) throws SQLException;
    }

    /** Runs the query (with the read timeout, as every read) and hands each row to {@code reader}. */
    private static void read(ResultQuery<?> query, RowReader reader) {
        StoreErrors.translating(() -> {
            try (ResultSet rows = query.fetchResultSet()) {
                while (rows.next()) {
                    reader.read(rows);
                }
            } catch (SQLException e) {
                throw new DataAccessException("reading a range of histories failed", e);
            }
        });
    }
}
