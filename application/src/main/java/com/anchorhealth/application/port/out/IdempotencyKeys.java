package com.anchorhealth.application.port.out;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Request ids already used by mutating calls. */
public interface IdempotencyKeys {
    /** Sees rows committed by other transactions (reads are not from a stale snapshot). */
    Optional<IdempotencyRecord> find(String requestId);

    /** Throws {@link StoreConflictException} when the request id was taken meanwhile. */
    void insert(IdempotencyRecord record);

    /** Several keys in one statement; throws {@link StoreConflictException} when one was taken meanwhile. */
    void insertAll(List<IdempotencyRecord> records);

    /** The keys among these request ids that are taken, by request id, in one round trip. */
    Map<String, IdempotencyRecord> findAll(Collection<String> requestIds);
}
