package com.anchorhealth.application.error;

/** A resource the call would create exists, or the request id was already used with other content. */
public final class AlreadyExistsException extends ApplicationException {
    public static final String REQUEST_ID_REUSED = "REQUEST_ID_REUSED";

    private final String reason;
    private final String resourceName;

    public AlreadyExistsException(String reason, String resourceName, String message) {
        super(message);
        this.reason = reason;
        this.resourceName = resourceName;
    }

    /** The same caller, method and request id with other content: refused, naming the first call's resource. */
    public static AlreadyExistsException requestIdReused(String requestId, String operation, String resourceName) {
        return new AlreadyExistsException(REQUEST_ID_REUSED, resourceName,
                "request_id " + requestId + " was already used by a different " + operation + " call");
    }

    /** A machine-readable reason, such as {@link #REQUEST_ID_REUSED} or {@code GUILD_EXISTS}. */
    public String reason() {
        return reason;
    }

    public String resourceName() {
        return resourceName;
    }
}
