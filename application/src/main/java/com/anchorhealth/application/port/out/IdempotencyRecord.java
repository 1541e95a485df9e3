package com.anchorhealth.application.port.out;

import java.time.Instant;
import java.util.Objects;

/**
 * The first call made with a request id by one caller to one method: a fingerprint of its content
 * and the resource it produced, so that a retry finds the first result again; and when it was made.
 */
public record IdempotencyRecord(String requestId, String operation, String fingerprint, String resourceName,
                                Instant createdAt, String actor) {
    public IdempotencyRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(actor, "actor");
    }

    public Key key() {
        return new Key(actor, operation, requestId);
    }

    /** What a request id is unique within: the caller and the method it called. */
    public record Key(String caller, String operation, String requestId) {
        public Key {
            Objects.requireNonNull(caller, "caller");
            Objects.requireNonNull(operation, "operation");
            Objects.requireNonNull(requestId, "requestId");
        }
    }
}
