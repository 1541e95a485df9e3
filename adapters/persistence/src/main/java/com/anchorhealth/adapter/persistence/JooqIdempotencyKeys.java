package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.IdempotencyKeys;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.adapter.persistence.jooq.tables.records.IdempotencyKeysRecord;
import org.jooq.DSLContext;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.anchorhealth.adapter.persistence.jooq.Tables.IDEMPOTENCY_KEYS;

/** Request ids of mutating calls; the primary key makes a second first call fail with a conflict. */
public final class JooqIdempotencyKeys implements IdempotencyKeys {
    private final DSLContext dsl;

    public JooqIdempotencyKeys(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<IdempotencyRecord> find(String requestId) {
        return Optional.ofNullable(findAll(List.of(requestId)).get(requestId));
    }

    @Override
    public Map<String, IdempotencyRecord> findAll(Collection<String> requestIds) {
        if (requestIds.isEmpty()) {
            return Map.of();
        }
        return StoreErrors.translating(() -> dsl.selectFrom(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.REQUEST_ID.in(requestIds))
                .fetchMap(IDEMPOTENCY_KEYS.REQUEST_ID, row -> new IdempotencyRecord(row.getRequestId(),
                        row.getOperation(), row.getFingerprint(), row.getResourceName(),
                        Times.fromMillis(row.getCreatedAt()), row.getActor())));
    }

    @Override
    public void insert(IdempotencyRecord record) {
        insertAll(List.of(record));
    }

    @Override
    public void insertAll(List<IdempotencyRecord> records) {
        MultiRowInsert.insert(dsl, IDEMPOTENCY_KEYS, records.stream().map(record -> {
            IdempotencyKeysRecord row = dsl.newRecord(IDEMPOTENCY_KEYS);
            row.setRequestId(record.requestId());
            row.setOperation(record.operation());
            row.setFingerprint(record.fingerprint());
            row.setResourceName(record.resourceName());
            row.setCreatedAt(Times.toMillis(record.createdAt()));
            row.setActor(record.actor());
            return row;
        }).toList());
    }
}
