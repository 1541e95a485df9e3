package com.anchorhealth.adapter.persistence;

import com.anchorhealth.adapter.persistence.jooq.tables.records.AuditTrailRecord;
import com.anchorhealth.adapter.persistence.jooq.tables.records.RequestKeysRecord;
import com.anchorhealth.application.port.out.IdempotencyKeys;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import org.jooq.DSLContext;
import org.jooq.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.anchorhealth.adapter.persistence.jooq.Tables.AUDIT_TRAIL;
import static com.anchorhealth.adapter.persistence.jooq.Tables.REQUEST_KEYS;

/**
 * Request keys, unique by (caller, operation, request id): the primary key makes a second first call
 * fail with a conflict. A key keeps its call's first response; the call is appended to the audit
 * trail in the same statement batch.
 */
public final class JooqIdempotencyKeys implements IdempotencyKeys {
    private final DSLContext dsl;

    public JooqIdempotencyKeys(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<IdempotencyRecord> find(IdempotencyRecord.Key key) {
        return Optional.ofNullable(findAll(List.of(key)).get(key));
    }

    /**
     * One range read of the primary key per caller and method (a group is mostly one of each): an OR
     * of many (caller, operation, request id) triples is a shape MariaDB's range optimizer gives up
     * on for large batches, and then it scans the whole table.
     */
    Map<IdempotencyRecord.Key, IdempotencyRecord> findAll(Collection<IdempotencyRecord.Key> keys) {
        Map<List<String>, List<String>> requestIdsByScope = new LinkedHashMap<>();
        keys.forEach(key -> requestIdsByScope.computeIfAbsent(List.of(key.caller(), key.operation()),
                scope -> new ArrayList<>()).add(key.requestId()));
        Map<IdempotencyRecord.Key, IdempotencyRecord> found = new LinkedHashMap<>();
        requestIdsByScope.forEach((scope, requestIds) -> StoreErrors.translating(() -> dsl.selectFrom(REQUEST_KEYS)
                .where(REQUEST_KEYS.CALLER.eq(scope.get(0)).and(REQUEST_KEYS.OPERATION.eq(scope.get(1)))
                        .and(REQUEST_KEYS.REQUEST_ID.in(requestIds)))
                .fetch()).forEach(row -> {
                    IdempotencyRecord record = new IdempotencyRecord(row.getRequestId(), row.getOperation(),
                            row.getFingerprint(), row.getResourceName(), Times.fromMillis(row.getCreatedAt()),
                            row.getCaller(), Optional.ofNullable(row.getFirstResponse()));
                    found.put(record.key(), record);
                }));
        return found;
    }

    @Override
    public void insertAll(List<IdempotencyRecord> records) {
        if (!records.isEmpty()) {
            List<Query> statements = rowsOf(records).stream().flatMap(rows -> rows.statements(dsl).stream()).toList();
            StoreErrors.translating(() -> dsl.batch(statements).execute());
        }
    }

    /** The rows that remember these calls and append them to the audit trail. */
    private List<RowWrite> rowsOf(List<IdempotencyRecord> records) {
        List<RequestKeysRecord> keys = new ArrayList<>();
        List<AuditTrailRecord> audit = new ArrayList<>();
        for (IdempotencyRecord record : records) {
            keys.add(new RequestKeysRecord(record.actor(), record.operation(), record.requestId(), record.fingerprint(),
                    record.resourceName(), Times.toMillis(record.createdAt()), record.firstResponse().orElse(null)));
            audit.add(new AuditTrailRecord(null, record.actor(), record.operation(), record.requestId(),
                    record.resourceName(), Times.toMillis(record.createdAt())));
        }
        return List.of(new MultiRowInsert<>(REQUEST_KEYS, keys), new MultiRowInsert<>(AUDIT_TRAIL, audit));
    }

    @Override
    public int pruneCreatedBefore(Instant cutoff, int atMost) {
        return StoreErrors.translating(() -> dsl.deleteFrom(REQUEST_KEYS)
                .where(REQUEST_KEYS.CREATED_AT.lt(Times.toMillis(cutoff)))
                .orderBy(REQUEST_KEYS.CREATED_AT)
                .limit(atMost)
                .execute());
    }
}
