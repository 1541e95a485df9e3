package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.ReplayHistories;
import com.anchorhealth.application.port.out.ReplayHistory;
import com.anchorhealth.domain.score.KeptEntry;
import com.anchorhealth.domain.score.Replay;
import com.anchorhealth.domain.score.ReplayedViolation;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Severity;
import org.jooq.DSLContext;
import org.jooq.Record3;
import org.jooq.Record5;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static com.anchorhealth.adapter.persistence.jooq.Tables.SCORE_EVENTS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.VIOLATIONS;

/**
 * The histories a replay reads, by ranges of the primary keys of {@code violations} and
 * {@code score_events} (both lead with the anchor id): each range read in key order, with only the
 * columns a replay uses.
 */
public final class JooqReplayHistories implements ReplayHistories {
    private static final List<String> KEPT_KINDS = Replay.KEPT_KINDS.stream().map(ScoreEventKind::name).sorted()
            .toList();

    private final DSLContext dsl;

    public JooqReplayHistories(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Map<AnchorId, ReplayHistory> between(AnchorId first, AnchorId last) {
        Map<String, List<ReplayedViolation>> violations = new HashMap<>();
        for (Record5<String, Long, Long, String, String> row : StoreErrors.translating(() -> dsl
                .select(VIOLATIONS.ANCHOR_ID, VIOLATIONS.RECORDED_AT, VIOLATIONS.OCCURRED_AT, VIOLATIONS.SEVERITY,
                        VIOLATIONS.STATE)
                .from(VIOLATIONS)
                .where(VIOLATIONS.ANCHOR_ID.between(first.value(), last.value()))
                .orderBy(VIOLATIONS.ANCHOR_ID, VIOLATIONS.VIOLATION_ID)
                .fetch())) {
            violations.computeIfAbsent(row.value1(), id -> new ArrayList<>()).add(new ReplayedViolation(
                    Times.fromMillis(row.value2()), Times.fromMillis(row.value3()), Severity.valueOf(row.value4()),
                    ViolationState.valueOf(row.value5()) == ViolationState.OVERTURNED));
        }
        Map<String, List<KeptEntry>> kept = new HashMap<>();
        for (Record3<String, Long, Integer> row : StoreErrors.translating(() -> dsl
                .select(SCORE_EVENTS.ANCHOR_ID, SCORE_EVENTS.RECORDED_AT, SCORE_EVENTS.DELTA)
                .from(SCORE_EVENTS)
                .where(SCORE_EVENTS.ANCHOR_ID.between(first.value(), last.value()))
                .and(SCORE_EVENTS.KIND.in(KEPT_KINDS))
                .orderBy(SCORE_EVENTS.ANCHOR_ID, SCORE_EVENTS.SEQ)
                .fetch())) {
            kept.computeIfAbsent(row.value1(), id -> new ArrayList<>()).add(new KeptEntry(
                    Times.fromMillis(row.value2()), row.value3()));
        }
        Map<AnchorId, ReplayHistory> histories = new HashMap<>();
        violations.forEach((anchorId, ofAnchor) -> histories.put(new AnchorId(anchorId),
                new ReplayHistory(ofAnchor, kept.getOrDefault(anchorId, List.of()))));
        kept.forEach((anchorId, ofAnchor) -> histories.putIfAbsent(new AnchorId(anchorId),
                new ReplayHistory(List.of(), ofAnchor)));
        return histories;
    }
}
