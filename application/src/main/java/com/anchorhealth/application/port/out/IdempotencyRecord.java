package com.anchorhealth.application.port.out;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The first call made with a request id by one caller to one method: a fingerprint of its content,
 * the resource it produced and its response (see {@link ResponseSnapshots}), so that a retry answers
 * as the first call did; and when it was made. Keys kept before responses were have none.
 */
public record IdempotencyRecord(String requestId, String operation, String fingerprint, String resourceName,
                                Instant createdAt, String actor, Optional<String> firstResponse) {
    public IdempotencyRecord {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(resourceName, "resourceName");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(firstResponse, "firstResponse");
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
