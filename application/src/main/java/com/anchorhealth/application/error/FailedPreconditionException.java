package com.anchorhealth.application.error;

import java.util.Map;

/**
 * The request is well formed but the state of the system refuses it (an appeal past its window);
 * {@code type} names the rule, {@code subject} what it is about, and {@code metadata} the values the
 * description tells (the other guild, the date the window closed), machine-readable, as
 * {@code google.rpc.ErrorInfo}'s metadata: so that a caller can say it in its own words.
 */
public final class FailedPreconditionException extends ApplicationException {
    private final String type;
    private final String subject;
    private final Map<String, String> metadata;

    public FailedPreconditionException(String type, String subject, String description) {
        this(type, subject, description, Map.of());
    }

    public FailedPreconditionException(String type, String subject, String description, Map<String, String> metadata) {
        super(description);
        this.type = type;
        this.subject = subject;
        this.metadata = Map.copyOf(metadata);
    }

    public String type() {
        return type;
    }

    public String subject() {
        return subject;
    }

    public Map<String, String> metadata() {
        return metadata;
    }
}
