package com.anchorhealth.application.error;

import java.util.List;
import java.util.stream.Collectors;

/** The request is malformed; every bad field is listed. */
public final class InvalidRequestException extends ApplicationException {
    private final List<FieldViolation> violations;

    public InvalidRequestException(List<FieldViolation> violations) {
        super(violations.stream().map(v -> v.field() + ": " + v.description())
                .collect(Collectors.joining("; ")));
        this.violations = List.copyOf(violations);
    }

    public static InvalidRequestException of(String field, String description) {
        return new InvalidRequestException(List.of(new FieldViolation(field, description)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
