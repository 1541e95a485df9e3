package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.IdempotencyKeys;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import org.jooq.DSLContext;

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
        return StoreErrors.translating(() -> dsl.selectFrom(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.REQUEST_ID.eq(requestId))
                .fetchOptional()
                .map(row -> new IdempotencyRecord(row.getRequestId(), row.getOperation(), row.getFingerprint(),
                        row.getResourceName(), Times.fromMillis(row.getCreatedAt()))));
    }

    @Override
    public void insert(IdempotencyRecord record) {
        StoreErrors.translating(() -> dsl.insertInto(IDEMPOTENCY_KEYS)
                .set(IDEMPOTENCY_KEYS.REQUEST_ID, record.requestId())
                .set(IDEMPOTENCY_KEYS.OPERATION, record.operation())
                .set(IDEMPOTENCY_KEYS.FINGERPRINT, record.fingerprint())
                .set(IDEMPOTENCY_KEYS.RESOURCE_NAME, record.resourceName())
                .set(IDEMPOTENCY_KEYS.CREATED_AT, Times.toMillis(record.createdAt()))
                .execute());
    }
}
