package com.anchorhealth.domain.appeal;

/** An appeal rule refuses the request; {@code type} names the rule, machine-readable. */
public final class AppealRefusedException extends RuntimeException {
    private final String type;

    public AppealRefusedException(String type, String description) {
        super(description);
        this.type = type;
    }

    public String type() {
        return type;
    }
}
