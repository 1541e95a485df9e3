package com.anchorhealth.application.port.out;

import com.anchorhealth.application.error.StoreConflictException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Request ids already used by mutating calls, each scoped to its caller and method, and the audit
 * trail of who made which call: a key is kept for a retention period, its audit entry for good.
 */
public interface IdempotencyKeys {
    /** Sees rows committed by other transactions (reads are not from a stale snapshot). */
    Optional<IdempotencyRecord> find(IdempotencyRecord.Key key);

    /** Remembers the calls and appends them to the audit trail; {@link StoreConflictException} when a key was taken meanwhile. */
    void insertAll(List<IdempotencyRecord> records);

    default void insert(IdempotencyRecord record) {
        insertAll(List.of(record));
    }

    /**
     * Forgets at most {@code atMost} of the keys made before {@code cutoff}, the oldest first, in a
     * transaction of its own (their audit entries stay); how many it forgot.
     */
    int pruneCreatedBefore(Instant cutoff, int atMost);
}
