package com.anchorhealth.application.port.out;

import java.time.Instant;
import java.util.Objects;

/**
 * The first call made with a request id: which operation, a fingerprint of its content, and the
 * resource it produced, so that a retry finds the first result again; and who made it, when, which
 * makes the keys the audit trail of every mutating call.
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
}
