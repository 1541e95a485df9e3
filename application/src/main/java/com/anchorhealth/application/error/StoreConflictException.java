package com.anchorhealth.application.error;

/**
 * A unique key was taken by a concurrent transaction (or a deadlock was broken). The transaction is
 * rolled back; running the use case again sees the other transaction's result.
 */
public final class StoreConflictException extends RuntimeException {
    public StoreConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}
