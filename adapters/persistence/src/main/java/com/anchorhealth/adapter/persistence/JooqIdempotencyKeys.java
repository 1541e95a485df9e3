package com.anchorhealth.adapter.persistence;

import com.anchorhealth.adapter.persistence.jooq.tables.records.AuditTrailRecord;
import com.anchorhealth.adapter.persistence.jooq.tables.records.RequestKeysRecord;
import com.anchorhealth.application.port.out.IdempotencyKeys;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;

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
 * fail with a conflict. Each key's call is appended to the audit trail in the same statement batch.
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

    @Override
    public Map<IdempotencyRecord.Key, IdempotencyRecord> findAll(Collection<IdempotencyRecord.Key> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        Condition any = DSL.or(keys.stream().map(key -> REQUEST_KEYS.CALLER.eq(key.caller())
                .and(REQUEST_KEYS.OPERATION.eq(key.operation())).and(REQUEST_KEYS.REQUEST_ID.eq(key.requestId())))
                .toList());
        Map<IdempotencyRecord.Key, IdempotencyRecord> found = new LinkedHashMap<>();
        StoreErrors.translating(() -> dsl.selectFrom(REQUEST_KEYS).where(any).fetch()).forEach(row -> {
            IdempotencyRecord record = new IdempotencyRecord(row.getRequestId(), row.getOperation(),
                    row.getFingerprint(), row.getResourceName(), Times.fromMillis(row.getCreatedAt()), row.getCaller());
            found.put(record.key(), record);
        });
        return found;
    }

    @Override
    public void insertAll(List<IdempotencyRecord> records) {
        if (records.isEmpty()) {
            return;
        }
        List<RequestKeysRecord> keys = new ArrayList<>();
        List<AuditTrailRecord> audit = new ArrayList<>();
        for (IdempotencyRecord record : records) {
            keys.add(new RequestKeysRecord(record.actor(), record.operation(), record.requestId(), record.fingerprint(),
                    record.resourceName(), Times.toMillis(record.createdAt())));
            audit.add(new AuditTrailRecord(record.actor(), record.operation(), record.requestId(),
                    record.resourceName(), Times.toMillis(record.createdAt())));
        }
        List<Query> statements = new ArrayList<>(MultiRowInsert.statements(dsl, REQUEST_KEYS, keys));
        statements.addAll(MultiRowInsert.statements(dsl, AUDIT_TRAIL, audit));
        StoreErrors.translating(() -> dsl.batch(statements).execute());
    }

    @Override
    public int pruneCreatedBefore(Instant cutoff) {
        return StoreErrors.translating(() -> dsl.deleteFrom(REQUEST_KEYS)
                .where(REQUEST_KEYS.CREATED_AT.lt(Times.toMillis(cutoff))).execute());
    }
}
