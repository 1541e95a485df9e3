package com.anchorhealth.application.error;

/** A call the application refuses; each subclass maps to one gRPC status. Nothing was written. */
public abstract class ApplicationException extends RuntimeException {
    protected ApplicationException(String message) {
        super(message);
    }
}
