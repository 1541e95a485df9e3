package com.anchorhealth.application.port.out;

/** The database could not be reached in time. Nothing was written; the caller may retry later. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
