package com.anchorhealth.adapter.persistence;

import com.anchorhealth.adapter.persistence.jooq.tables.records.ScoreEventsRecord;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.Ledger;
import com.anchorhealth.application.port.out.anchor.NewViolation;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SelectLimitStep;
import org.jooq.SortField;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static com.anchorhealth.adapter.persistence.jooq.Tables.SCORE_EVENTS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.VIOLATIONS;

/**
 * The anchors' ledgers, keyed by (anchor id, sequence), kept in two places: a violation that deducts
 * is its own DEDUCTION entry (V23), and every other entry is a row of {@code score_events}, as are
 * the deductions of violations recorded before V23. A read reads both along their (anchor id,
 * sequence) indexes and merges them.
 */
public final class JooqLedger implements Ledger {
    private static final Keyset IN_SEQUENCE = Keyset.ascending(SCORE_EVENTS.SEQ);
    private static final Keyset DEDUCTIONS_IN_SEQUENCE = Keyset.ascending(VIOLATIONS.LEDGER_SEQ);
    private static final Comparator<ScoreEvent> LEDGER_ORDER = Comparator
            .comparing((ScoreEvent event) -> event.anchorId().value()).thenComparingInt(ScoreEvent::sequence);
    /** No limit. */
    private static final int ALL = Integer.MAX_VALUE;
    private static final List<Field<?>> ENTRY_COLUMNS = List.of(SCORE_EVENTS.ANCHOR_ID, SCORE_EVENTS.SEQ,
            SCORE_EVENTS.KIND, SCORE_EVENTS.DELTA, SCORE_EVENTS.SCORE_AFTER, SCORE_EVENTS.VIOLATION_ID,
            SCORE_EVENTS.REASON, SCORE_EVENTS.RECORDED_AT, SCORE_EVENTS.ACTOR);
    private static final List<Field<?>> DEDUCTION_COLUMNS = List.of(VIOLATIONS.ANCHOR_ID, VIOLATIONS.LEDGER_SEQ,
            VIOLATIONS.POINTS, VIOLATIONS.SCORE_AFTER, VIOLATIONS.VIOLATION_ID, VIOLATIONS.RECORDED_AT,
            VIOLATIONS.CALLER);
    private final DSLContext dsl;

    public JooqLedger(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void append(ScoreEvent event) {
        MultiRowInsert.insert(dsl, SCORE_EVENTS, List.of(toRow(event)));
    }

    /**
     * Rows of ledger entries other than deductions (kept on their violations' rows), each with the
     * change it made placed in the feed, if any ({@code changes} by {@link FeedSources#entryKey}).
     */
    PositionedInsert<ScoreEventsRecord> rowsOf(List<ScoreEvent> events, Map<String, FeedSources.Placed> changes) {
        return PositionedInsert.keeping(SCORE_EVENTS, SCORE_EVENTS.FEED_POSITION, events.stream().map(this::toRow).toList(),
                row -> FeedSources.entryKey(row.getAnchorId(), row.getSeq()), changes, FeedSources::keep);
    }

    private ScoreEventsRecord toRow(ScoreEvent event) {
        ScoreEventsRecord row = dsl.newRecord(SCORE_EVENTS);
        row.setAnchorId(event.anchorId().value());
        row.setSeq(event.sequence());
        row.setKind(event.kind().name());
        row.setDelta(event.delta());
        row.setScoreAfter(event.scoreAfter());
        row.setViolationId(event.violationId().orElse(null));
        row.setReason(event.reason().orElse(null));
        row.setRecordedAt(Times.toMillis(event.recordedAt()));
        row.setActor(event.actor());
        return row;
    }

    @Override
    public List<ScoreEvent> ledgerOf(AnchorId anchorId) {
        return entries(of(anchorId), ALL);
    }

    @Override
    public Map<Integer, ScoreEvent> entriesAt(AnchorId anchorId, Collection<Integer> sequences) {
        if (sequences.isEmpty()) {
            return Map.of();
        }
        Set<Integer> wanted = Set.copyOf(sequences);
        return entries(of(anchorId).and((anchor, sequence) -> sequence.in(wanted)), ALL).stream()
                .collect(Collectors.toMap(ScoreEvent::sequence, event -> event));
    }

    @Override
    public List<ScoreEvent> entriesFrom(AnchorId anchorId, int sequence) {
        return entries(of(anchorId).and((anchor, entrySequence) -> entrySequence.ge(sequence)), ALL);
    }

    @Override
    public List<ScoreEvent> newest(AnchorId anchorId, int count) {
        List<ScoreEvent> entries = new ArrayList<>(read(of(anchorId), of(anchorId), true, count));
        Collections.reverse(entries);
        return entries;
    }

    @Override
    public Page<ScoreEvent> list(AnchorId anchorId, PageRequest page) {
        int limit = page.size() + 1;
        return IN_SEQUENCE.read(page, JooqLedger::sequenceKey, (seek, orderBy) -> read(
                        of(anchorId).and((anchor, sequence) -> seek),
                        of(anchorId).and((anchor, sequence) -> DEDUCTIONS_IN_SEQUENCE.seek(page, JooqLedger::sequenceKey)),
                        page.backward(), limit),
                event -> Integer.toString(event.sequence()));
    }

    @Override
    public Map<AnchorId, List<ScoreEvent>> ledgersOf(Collection<AnchorId> anchorIds) {
        if (anchorIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = anchorIds.stream().map(AnchorId::value).toList();
        return entries((anchor, sequence) -> anchor.in(ids), ALL).stream()
                .collect(Collectors.groupingBy(ScoreEvent::anchorId, LinkedHashMap::new, Collectors.toList()));
    }

    private static List<?> sequenceKey(String key) {
        return List.of(Integer.valueOf(key));
    }

    /** Which entries to read, said once for both places they are kept: by their anchor id and sequence columns. */
    private interface Where {
        Condition on(Field<String> anchorId, Field<Integer> sequence);

        default Where and(Where other) {
            return (anchorId, sequence) -> on(anchorId, sequence).and(other.on(anchorId, sequence));
        }
    }

    private static Where of(AnchorId anchorId) {
        return (anchor, sequence) -> anchor.eq(anchorId.value());
    }

    private List<ScoreEvent> entries(Where where, int limit) {
        return read(where, where, false, limit);
    }

    /**
     * The first {@code limit} entries by anchor and sequence (the last, when {@code descending}) among
     * the rows of their own that {@code own} selects and the deducting violations {@code deductions}
     * selects: each read along its (anchor, sequence) index with that limit, then merged.
     */
    private List<ScoreEvent> read(Where own, Where deductions, boolean descending, int limit) {
        List<ScoreEvent> entries = new ArrayList<>(limited(dsl.select(ENTRY_COLUMNS).from(SCORE_EVENTS)
                .where(own.on(SCORE_EVENTS.ANCHOR_ID, SCORE_EVENTS.SEQ))
                .orderBy(inOrder(SCORE_EVENTS.ANCHOR_ID, SCORE_EVENTS.SEQ, descending)), limit)
                .fetch(JooqLedger::toEvent));
        entries.addAll(limited(dsl.select(DEDUCTION_COLUMNS).from(VIOLATIONS)
                .where(deductions.on(VIOLATIONS.ANCHOR_ID, VIOLATIONS.LEDGER_SEQ).and(VIOLATIONS.IS_LEDGER_ENTRY.isTrue()))
                .orderBy(inOrder(VIOLATIONS.ANCHOR_ID, VIOLATIONS.LEDGER_SEQ, descending)), limit)
                .fetch(JooqLedger::toDeduction));
        Comparator<ScoreEvent> order = descending ? LEDGER_ORDER.reversed() : LEDGER_ORDER;
        return entries.stream().sorted(order).limit(limit).toList();
    }

    private static List<SortField<?>> inOrder(Field<String> anchorId, Field<Integer> sequence, boolean descending) {
        return descending ? List.of(anchorId.desc(), sequence.desc()) : List.of(anchorId.asc(), sequence.asc());
    }

    private static <R extends Record> ResultQuery<R> limited(SelectLimitStep<R> query, int limit) {
        return limit == ALL ? query : query.limit(limit);
    }

    /** A deducting violation's row as the DEDUCTION entry it is: its facts are the entry's. */
    private static ScoreEvent toDeduction(Record row) {
        return new ScoreEvent(new AnchorId(row.get(VIOLATIONS.ANCHOR_ID)), row.get(VIOLATIONS.LEDGER_SEQ),
                ScoreEventKind.DEDUCTION, -row.get(VIOLATIONS.POINTS), row.get(VIOLATIONS.SCORE_AFTER),
                Optional.of(row.get(VIOLATIONS.VIOLATION_ID)), Optional.empty(),
                Times.fromMillis(row.get(VIOLATIONS.RECORDED_AT)), row.get(VIOLATIONS.CALLER));
    }

    /**
     * Whether {@code entry} is the deduction {@code violation} made, fact for fact, so that the
     * violation's row can stand for it.
     */
    static boolean isDeductionOf(ScoreEvent entry, NewViolation violation) {
        RecordedViolation recorded = violation.violation();
        return entry.kind() == ScoreEventKind.DEDUCTION
                && recorded.state() == ViolationState.ACTIVE
                && entry.violationId().equals(Optional.of(recorded.violationId()))
                && entry.anchorId().equals(recorded.anchorId())
                && entry.sequence() == recorded.ledgerSequence()
                && entry.delta() == -recorded.points()
                && entry.scoreAfter() == violation.factsAfter().score()
                && Times.toMillis(entry.recordedAt()).equals(Times.toMillis(recorded.recordedAt()))
                && entry.actor().equals(violation.caller());
    }

    private static ScoreEvent toEvent(Record row) {
        return new ScoreEvent(new AnchorId(row.get(SCORE_EVENTS.ANCHOR_ID)), row.get(SCORE_EVENTS.SEQ),
                ScoreEventKind.valueOf(row.get(SCORE_EVENTS.KIND)), row.get(SCORE_EVENTS.DELTA),
                row.get(SCORE_EVENTS.SCORE_AFTER), Optional.ofNullable(row.get(SCORE_EVENTS.VIOLATION_ID)),
                Optional.ofNullable(row.get(SCORE_EVENTS.REASON)), Times.fromMillis(row.get(SCORE_EVENTS.RECORDED_AT)),
                row.get(SCORE_EVENTS.ACTOR));
    }
}
