package com.anchorhealth.application.error;

/** The caller's role does not allow what the request asks for, though it may make the call itself. */
public final class PermissionDeniedException extends ApplicationException {
    public PermissionDeniedException(String message) {
        super(message);
    }
}
