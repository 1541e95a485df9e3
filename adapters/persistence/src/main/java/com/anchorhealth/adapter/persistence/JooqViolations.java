package com.anchorhealth.adapter.persistence;

import com.anchorhealth.adapter.persistence.jooq.tables.records.ViolationsRecord;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.application.port.out.anchor.CountedBefore;
import com.anchorhealth.application.port.out.anchor.KeptViolation;
import com.anchorhealth.application.port.out.anchor.NewViolation;
import com.anchorhealth.application.port.out.anchor.ViolationWithFacts;
import com.anchorhealth.application.port.out.anchor.Violations;
import com.anchorhealth.domain.anchor.LatestCounted;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Severity;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Record;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.anchorhealth.adapter.persistence.jooq.Tables.VIOLATIONS;

/** Recorded violations, keyed by (anchor id, violation id); ids sort in recording order. */
public final class JooqViolations implements Violations {
    private static final Keyset IN_RECORDING_ORDER = Keyset.ascending(VIOLATIONS.VIOLATION_ID);
    /** Evidence references hold no control characters (the application checks), so a newline separates them. */
    private static final String EVIDENCE_SEPARATOR = "\n";

    /** The method whose request keys the violations are. */
    private static final String OPERATION = "RecordViolation";

    private final DSLContext dsl;
    private final RenderedOnce renderedOnce;

    public JooqViolations(DSLContext dsl) {
        this.dsl = dsl;
        this.renderedOnce = new RenderedOnce(dsl);
    }

    @Override
    public void insert(RecordedViolation violation) {
        insertAll(List.of(violation));
    }

    @Override
    public void insertAll(List<RecordedViolation> recorded) {
        MultiRowInsert.insert(dsl, VIOLATIONS, recorded.stream().map(this::toRow).toList());
    }

    /**
     * The rows of new violations, each with the request key of its call, the facts it left and, placed
     * in the feed, the change it made to its anchor's standing, if any ({@code changes} by violation id).
     */
    PositionedInsert<ViolationsRecord> rowsOf(List<NewViolation> recorded, Map<String, FeedSources.Placed> changes) {
        return PositionedInsert.keeping(VIOLATIONS, VIOLATIONS.FEED_POSITION, recorded.stream().map(this::toRow).toList(),
                ViolationsRecord::getViolationId, changes, FeedSources::keep);
    }

    private ViolationsRecord toRow(NewViolation recorded) {
        ViolationsRecord row = toRow(recorded.violation());
        row.setCaller(recorded.caller());
        row.setFingerprint(recorded.fingerprint());
        StandingFacts after = recorded.factsAfter();
        row.setScoreAfter(after.score());
        row.setInitialScoreAfter(after.initialScore());
        row.setLastViolationAfter(Times.toMillis(after.lastViolationAt().orElse(null)));
        row.setSellingRevokedAfter(after.sellingRevoked());
        row.setIsLedgerEntry(isLedgerEntry(recorded));
        return row;
    }

    /** A new violation that deducts is its own DEDUCTION entry of the ledger ({@link JooqLedger}). */
    static boolean isLedgerEntry(NewViolation recorded) {
        return recorded.violation().state() == ViolationState.ACTIVE;
    }

    /**
     * One range read of the unique (caller, request id) index per caller: a group's calls mostly come
     * from one caller.
     */
    @Override
    public Map<IdempotencyRecord.Key, KeptViolation> recordedBy(Collection<IdempotencyRecord.Key> keys) {
        Map<String, List<String>> requestIdsByCaller = new LinkedHashMap<>();
        keys.forEach(key -> requestIdsByCaller.computeIfAbsent(key.caller(), caller -> new ArrayList<>())
                .add(key.requestId()));
        Map<IdempotencyRecord.Key, KeptViolation> found = new LinkedHashMap<>();
        requestIdsByCaller.forEach((caller, requestIds) -> {
            List<Object> values = new ArrayList<>(requestIds.size() + 1);
            values.add(caller);
            values.addAll(requestIds);
            renderedOnce.fetch(VIOLATIONS, "violations by request " + requestIds.size(), () -> dsl.selectFrom(VIOLATIONS)
                    .where(VIOLATIONS.CALLER.eq(caller).and(VIOLATIONS.REQUEST_ID.in(requestIds))), values)
                    .forEach(row -> found.put(new IdempotencyRecord.Key(caller, OPERATION, row.getRequestId()),
                            new KeptViolation(toViolation(row), row.getFingerprint(), factsAfter(row))));
        });
        return found;
    }

    @Override
    public Map<String, StandingFacts> factsAfter(AnchorId anchorId, List<String> violationIds) {
        Map<String, StandingFacts> found = new LinkedHashMap<>();
        if (violationIds.isEmpty()) {
            return found;
        }
        // The facts' columns alone: a page needs none of the rest of its rows a second time.
        StoreErrors.translating(() -> dsl.select(VIOLATIONS.VIOLATION_ID, VIOLATIONS.SCORE_AFTER,
                        VIOLATIONS.INITIAL_SCORE_AFTER, VIOLATIONS.LAST_VIOLATION_AFTER, VIOLATIONS.SELLING_REVOKED_AFTER)
                .from(VIOLATIONS)
                .where(VIOLATIONS.ANCHOR_ID.eq(anchorId.value()).and(VIOLATIONS.VIOLATION_ID.in(violationIds)))
                .fetchInto(VIOLATIONS)).forEach(row -> factsAfter(row).ifPresent(facts -> found.put(row.getViolationId(),
                facts)));
        return found;
    }

    private static ViolationWithFacts withFacts(ViolationsRecord row) {
        return new ViolationWithFacts(toViolation(row), factsAfter(row));
    }

    private static Optional<StandingFacts> factsAfter(ViolationsRecord row) {
        if (row.getScoreAfter() == null) {
            return Optional.empty();
        }
        return Optional.of(new StandingFacts(row.getScoreAfter(), row.getInitialScoreAfter(),
                Optional.ofNullable(Times.fromMillis(row.getLastViolationAfter())), row.getSellingRevokedAfter(),
                HeldSessions.NONE));
    }

    private ViolationsRecord toRow(RecordedViolation violation) {
        ViolationReport report = violation.report();
        ViolationsRecord row = dsl.newRecord(VIOLATIONS);
        row.setAnchorId(report.anchorId().value());
        row.setViolationId(violation.violationId());
        row.setRequestId(violation.requestId());
        row.setViolationType(report.violationType());
        row.setSeverity(violation.severity().name());
        row.setRevokesSelling(violation.revokesSelling());
        row.setOccurredAt(Times.toMillis(report.occurredAt()));
        row.setRecordedAt(Times.toMillis(violation.recordedAt()));
        row.setLiveSessionId(report.liveSessionId().orElse(null));
        row.setSource(report.source());
        row.setEvidenceRefs(String.join(EVIDENCE_SEPARATOR, report.evidenceRefs()));
        row.setBasePoints(violation.basePoints());
        row.setSurchargePoints(violation.surchargePoints());
        row.setPoints(violation.points());
        row.setPolicyVersion(violation.policyVersion());
        row.setState(violation.state().name());
        row.setNoDeductionReason(violation.noDeductionReason().orElse(null));
        row.setLedgerSeq(violation.ledgerSequence());
        row.setIsLedgerEntry(false); // the entry, if any, is written apart from it
        return row;
    }

    @Override
    public void updateState(AnchorId anchorId, String violationId, ViolationState state) {
        StoreErrors.translating(() -> dsl.update(VIOLATIONS)
                .set(VIOLATIONS.STATE, state.name())
                .where(VIOLATIONS.ANCHOR_ID.eq(anchorId.value()).and(VIOLATIONS.VIOLATION_ID.eq(violationId)))
                .execute());
    }

    @Override
    public Optional<RecordedViolation> find(AnchorId anchorId, String violationId) {
        return StoreErrors.translating(() -> dsl.selectFrom(VIOLATIONS)
                .where(VIOLATIONS.ANCHOR_ID.eq(anchorId.value()).and(VIOLATIONS.VIOLATION_ID.eq(violationId)))
                .fetchOptional()
                .map(JooqViolations::toViolation));
    }

    @Override
    public Page<ViolationWithFacts> list(AnchorId anchorId, PageRequest page) {
        return StoreErrors.translating(() -> IN_RECORDING_ORDER.read(page, List::of, (seek, orderBy) ->
                dsl.selectFrom(VIOLATIONS)
                        .where(VIOLATIONS.ANCHOR_ID.eq(anchorId.value()).and(seek))
                        .orderBy(orderBy)
                        .limit(page.size() + 1)
                        .fetch(JooqViolations::withFacts), row -> row.violation().violationId()));
    }

    @Override
    public List<ViolationWithFacts> newest(AnchorId anchorId, int count) {
        List<ViolationWithFacts> rows = new ArrayList<>(StoreErrors.translating(() -> dsl.selectFrom(VIOLATIONS)
                .where(VIOLATIONS.ANCHOR_ID.eq(anchorId.value()))
                .orderBy(VIOLATIONS.VIOLATION_ID.desc())
                .limit(count)
                .fetch(JooqViolations::withFacts)));
        Collections.reverse(rows);
        return rows;
    }

    /**
     * One statement answers for every wanted violation: a pair of conditional aggregates each, over
     * the counted rows up to the latest wanted one, so the rows themselves never leave the database.
     */
    @Override
    public List<CountedBefore> countedUpTo(AnchorId anchorId, List<RecordedViolation> wanted) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<Field<?>> aggregates = new ArrayList<>();
        for (RecordedViolation violation : wanted) {
            Condition upTo = VIOLATIONS.LEDGER_SEQ.le(violation.ledgerSequence())
                    .and(VIOLATIONS.RECORDED_AT.le(Times.toMillis(violation.recordedAt())));
            aggregates.add(DSL.max(DSL.when(upTo, VIOLATIONS.OCCURRED_AT)));
            aggregates.add(DSL.max(DSL.when(upTo.and(VIOLATIONS.REVOKES_SELLING.isTrue()), DSL.inline(1))));
        }
        int lastSequence = wanted.stream().mapToInt(RecordedViolation::ledgerSequence).max().orElseThrow();
        Record row = StoreErrors.translating(() -> dsl.select(aggregates)
                .from(VIOLATIONS)
                .where(VIOLATIONS.ANCHOR_ID.eq(anchorId.value())
                        .and(VIOLATIONS.STATE.eq(ViolationState.ACTIVE.name()))
                        .and(VIOLATIONS.LEDGER_SEQ.le(lastSequence)))
                .fetchOne());
        List<CountedBefore> counted = new ArrayList<>();
        for (int i = 0; i < wanted.size(); i++) {
            counted.add(new CountedBefore(instant(row.get(2 * i, Long.class)), row.get(2 * i + 1) != null));
        }
        return counted;
    }

    /** Conditional aggregates over the anchor's counted rows: one row leaves the database, whatever their number. */
    @Override
    public LatestCounted latestCounted(RecordedViolation overturned) {
        // Without a session, no row is of it: the condition is false and the aggregate empty.
        Condition ofSession = overturned.report().liveSessionId().map(VIOLATIONS.LIVE_SESSION_ID::eq)
                .orElse(DSL.falseCondition());
        Field<Long> inSession = DSL.max(DSL.when(ofSession, VIOLATIONS.RECORDED_AT));
        Record row = StoreErrors.translating(() -> dsl.select(DSL.max(VIOLATIONS.RECORDED_AT),
                        DSL.max(VIOLATIONS.OCCURRED_AT), inSession)
                .from(VIOLATIONS)
                .where(VIOLATIONS.ANCHOR_ID.eq(overturned.anchorId().value())
                        .and(VIOLATIONS.STATE.eq(ViolationState.ACTIVE.name()))
                        .and(VIOLATIONS.VIOLATION_ID.ne(overturned.violationId())))
                .fetchOne());
        return new LatestCounted(instant(row.get(0, Long.class)), instant(row.get(1, Long.class)),
                instant(row.get(2, Long.class)));
    }

    private static Optional<Instant> instant(Long millis) {
        return Optional.ofNullable(millis).map(Times::fromMillis);
    }

    @Override
    public List<RecordedViolation> listAll(AnchorId anchorId) {
        return StoreErrors.translating(() -> dsl.selectFrom(VIOLATIONS)
                .where(VIOLATIONS.ANCHOR_ID.eq(anchorId.value()))
                .orderBy(VIOLATIONS.VIOLATION_ID)
                .fetch(JooqViolations::toViolation));
    }

    static RecordedViolation toViolation(ViolationsRecord row) {
        String evidence = row.getEvidenceRefs();
        ViolationReport report = new ViolationReport(new AnchorId(row.getAnchorId()), row.getViolationType(),
                Times.fromMillis(row.getOccurredAt()), Optional.ofNullable(row.getLiveSessionId()), row.getSource(),
                evidence.isEmpty() ? List.of() : Arrays.asList(evidence.split(EVIDENCE_SEPARATOR, -1)));
        return new RecordedViolation(row.getViolationId(), row.getRequestId(), report,
                Severity.valueOf(row.getSeverity()), row.getRevokesSelling(), Times.fromMillis(row.getRecordedAt()),
                row.getBasePoints(), row.getSurchargePoints(), row.getPoints(), row.getPolicyVersion(),
                ViolationState.valueOf(row.getState()), Optional.ofNullable(row.getNoDeductionReason()),
                row.getLedgerSeq());
    }
}
