package com.anchorhealth.application.error;

/**
 * The call's deadline passed before its transaction was done (a statement still running was cancelled),
 * or before it began; nothing of it was written.
 */
public final class StoreTimeoutException extends RuntimeException {
    public StoreTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
