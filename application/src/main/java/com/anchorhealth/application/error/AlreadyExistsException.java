package com.anchorhealth.application.error;

/** The request id was already used for a call with other content. */
public final class AlreadyExistsException extends ApplicationException {
    private final String resourceName;

    public AlreadyExistsException(String resourceName, String message) {
        super(message);
        this.resourceName = resourceName;
    }

    public String resourceName() {
        return resourceName;
    }
}
