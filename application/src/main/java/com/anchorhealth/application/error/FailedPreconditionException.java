package com.anchorhealth.application.error;

/**
 * The request is well formed but the state of the system refuses it (an appeal past its window);
 * {@code type} names the rule, {@code subject} what it is about.
 */
public final class FailedPreconditionException extends ApplicationException {
    private final String type;
    private final String subject;

    public FailedPreconditionException(String type, String subject, String description) {
        super(description);
        this.type = type;
        this.subject = subject;
    }

    public String type() {
        return type;
    }

    public String subject() {
        return subject;
    }
}
