package com.anchorhealth.domain;

/** A rule of the domain was broken by a value handed to it; {@code field} names the offending input. */
public final class DomainException extends RuntimeException {
    private final String field;

    public DomainException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
