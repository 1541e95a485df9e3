package com.anchorhealth.application.usecase;

import com.anchorhealth.application.error.AlreadyExistsException;
import com.anchorhealth.application.port.out.IdempotencyKeys;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.application.port.out.StoreConflictException;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Makes mutating calls idempotent on their request id: a retry finds the first call's resource; the
 * same id with other content is refused. A conflict (two first calls racing) is resolved by running
 * the whole transaction again, which then sees the winner's result.
 */
final class Idempotency {
    private static final int ATTEMPTS = 3;

    private final IdempotencyKeys keys;

    Idempotency(IdempotencyKeys keys) {
        this.keys = keys;
    }

    /** The resource the first call with this request id produced, if there was one. */
    Optional<String> firstResult(String requestId, String operation, String fingerprint) {
        return keys.find(requestId).map(first -> {
            if (!first.operation().equals(operation) || !first.fingerprint().equals(fingerprint)) {
                throw new AlreadyExistsException(AlreadyExistsException.REQUEST_ID_REUSED, first.resourceName(),
                        "request_id " + requestId + " was already used by a different " + first.operation() + " call");
            }
            return first.resourceName();
        });
    }

    /** The key doubles as the audit trail of mutating calls: who did what to which resource, when. */
    void remember(String requestId, String operation, String fingerprint, String resourceName, Instant at,
                  String actor) {
        keys.insert(new IdempotencyRecord(requestId, operation, fingerprint, resourceName, at, actor));
    }

    static <T> T retryingConflicts(Supplier<T> transaction) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.get();
            } catch (StoreConflictException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
