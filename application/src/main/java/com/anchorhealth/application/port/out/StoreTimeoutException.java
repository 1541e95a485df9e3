package com.anchorhealth.application.port.out;

/** A statement outlived the call's deadline and was cancelled; its transaction rolled back. */
public final class StoreTimeoutException extends RuntimeException {
    public StoreTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
