package com.anchorhealth.application.port.out;

import java.util.Optional;

/** Request ids already used by mutating calls. */
public interface IdempotencyKeys {
    /** Sees rows committed by other transactions (reads are not from a stale snapshot). */
    Optional<IdempotencyRecord> find(String requestId);

    /** Throws {@link StoreConflictException} when the request id was taken meanwhile. */
    void insert(IdempotencyRecord record);
}
