package com.anchorhealth.application.error;

/** One bad field of a request, named by its API field path (e.g. {@code anchor.level}). */
public record FieldViolation(String field, String description) {
    public FieldViolation prefixed(String prefix) {
        return new FieldViolation(prefix + field, description);
    }
}
