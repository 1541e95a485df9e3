package com.anchorhealth.application.error;

/** The call's deadline passed before the work was done; it may or may not have been written, never twice. */
public final class DeadlineExceededException extends ApplicationException {
    public DeadlineExceededException(String message) {
        super(message);
    }
}
