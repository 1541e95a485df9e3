package com.anchorhealth.application.error;

import java.util.Map;

/**
 * The caller's role does not allow what the request asks for, though it may make the call itself;
 * {@code reason} names the rule, machine-readable, and {@code metadata} the values the message tells.
 */
public final class PermissionDeniedException extends ApplicationException {
    private final String reason;
    private final Map<String, String> metadata;

    public PermissionDeniedException(String reason, String message) {
        this(reason, message, Map.of());
    }

    public PermissionDeniedException(String reason, String message, Map<String, String> metadata) {
        super(message);
        this.reason = reason;
        this.metadata = Map.copyOf(metadata);
    }

    public String reason() {
        return reason;
    }

    public Map<String, String> metadata() {
        return metadata;
    }
}
