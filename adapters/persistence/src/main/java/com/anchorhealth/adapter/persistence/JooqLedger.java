package com.anchorhealth.adapter.persistence;

import com.anchorhealth.adapter.persistence.jooq.tables.records.ScoreEventsRecord;
import com.anchorhealth.application.port.out.Ledger;
import com.anchorhealth.application.port.out.Page;
import com.anchorhealth.application.port.out.PageRequest;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.jooq.DSLContext;
import org.jooq.Query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static com.anchorhealth.adapter.persistence.jooq.Tables.SCORE_EVENTS;

/** The anchors' ledgers, keyed by (anchor id, sequence). */
public final class JooqLedger implements Ledger {
    private static final Keyset IN_SEQUENCE = Keyset.ascending(SCORE_EVENTS.SEQ);
    private final DSLContext dsl;

    public JooqLedger(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void append(ScoreEvent event) {
        MultiRowInsert.insert(dsl, SCORE_EVENTS, List.of(toRow(event)));
    }

    /** Ledger entries, each with the change it made placed in the feed, if any ({@code changes} by {@link FeedSources#entryKey}). */
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
        return StoreErrors.translating(() -> dsl.selectFrom(SCORE_EVENTS)
                .where(SCORE_EVENTS.ANCHOR_ID.eq(anchorId.value()))
                .orderBy(SCORE_EVENTS.SEQ)
                .fetch(JooqLedger::toEvent));
    }

    @Override
    public Map<Integer, ScoreEvent> entriesAt(AnchorId anchorId, Collection<Integer> sequences) {
        if (sequences.isEmpty()) {
            return Map.of();
        }
        return StoreErrors.translating(() -> dsl.selectFrom(SCORE_EVENTS)
                .where(SCORE_EVENTS.ANCHOR_ID.eq(anchorId.value()).and(SCORE_EVENTS.SEQ.in(Set.copyOf(sequences))))
                .fetch(JooqLedger::toEvent))
                .stream().collect(Collectors.toMap(ScoreEvent::sequence, event -> event));
    }

    @Override
    public List<ScoreEvent> entriesFrom(AnchorId anchorId, int sequence) {
        return StoreErrors.translating(() -> dsl.selectFrom(SCORE_EVENTS)
                .where(SCORE_EVENTS.ANCHOR_ID.eq(anchorId.value()).and(SCORE_EVENTS.SEQ.ge(sequence)))
                .orderBy(SCORE_EVENTS.SEQ)
                .fetch(JooqLedger::toEvent));
    }

    @Override
    public List<ScoreEvent> newest(AnchorId anchorId, int count) {
        List<ScoreEvent> entries = new ArrayList<>(StoreErrors.translating(() -> dsl.selectFrom(SCORE_EVENTS)
                .where(SCORE_EVENTS.ANCHOR_ID.eq(anchorId.value()))
                .orderBy(SCORE_EVENTS.SEQ.desc())
                .limit(count)
                .fetch(JooqLedger::toEvent)));
        Collections.reverse(entries);
        return entries;
    }

    @Override
    public Page<ScoreEvent> list(AnchorId anchorId, PageRequest page) {
        return StoreErrors.translating(() -> IN_SEQUENCE.read(page, key -> List.of(Integer.valueOf(key)),
                (seek, orderBy) -> dsl.selectFrom(SCORE_EVENTS)
                        .where(SCORE_EVENTS.ANCHOR_ID.eq(anchorId.value()).and(seek))
                        .orderBy(orderBy)
                        .limit(page.size() + 1)
                        .fetch(JooqLedger::toEvent), event -> Integer.toString(event.sequence())));
    }

    @Override
    public Map<AnchorId, List<ScoreEvent>> ledgersOf(Collection<AnchorId> anchorIds) {
        if (anchorIds.isEmpty()) {
            return Map.of();
        }
        List<String> ids = anchorIds.stream().map(AnchorId::value).toList();
        List<ScoreEvent> rows = StoreErrors.translating(() -> dsl.selectFrom(SCORE_EVENTS)
                .where(SCORE_EVENTS.ANCHOR_ID.in(ids))
                .orderBy(SCORE_EVENTS.ANCHOR_ID, SCORE_EVENTS.SEQ)
                .fetch(JooqLedger::toEvent));
        return rows.stream().collect(Collectors.groupingBy(ScoreEvent::anchorId, LinkedHashMap::new,
                Collectors.toList()));
    }

    private static ScoreEvent toEvent(ScoreEventsRecord row) {
        return new ScoreEvent(new AnchorId(row.getAnchorId()), row.getSeq(), ScoreEventKind.valueOf(row.getKind()),
                row.getDelta(), row.getScoreAfter(), Optional.ofNullable(row.getViolationId()),
                Optional.ofNullable(row.getReason()), Times.fromMillis(row.getRecordedAt()), row.getActor());
    }
}
