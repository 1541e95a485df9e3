package com.anchorhealth.application.error;

import com.anchorhealth.domain.DomainException;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.PolicyValidation;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** Collects every bad field of a request before refusing it, so callers can fix them all at once. */
public final class FieldChecks {
    public static final int MAX_REQUEST_ID_LENGTH = 128;

    private final List<FieldViolation> violations = new ArrayList<>();

    public FieldChecks check(boolean valid, String field, String description) {
        if (!valid) {
            violations.add(new FieldViolation(field, description));
        }
        return this;
    }

    /** Builds a value whose constructor enforces domain rules; a broken rule becomes a field violation. */
    public <T> T build(String fieldPrefix, Supplier<T> constructor) {
        try {
            return constructor.get();
        } catch (DomainException e) {
            violations.add(new FieldViolation(fieldPrefix + e.field(), e.getMessage()));
            return null;
        }
    }

    public FieldChecks requestId(String requestId, String field) {
        return check(isPrintable(requestId, MAX_REQUEST_ID_LENGTH), field,
                "must be 1-" + MAX_REQUEST_ID_LENGTH + " printable ASCII characters");
    }

    /** Every problem that keeps a policy from being published, as fields under {@code prefix}. */
    public FieldChecks policy(Policy candidate, String prefix) {
        PolicyValidation.problems(candidate).forEach(problem ->
                check(false, prefix + problem.field(), problem.description()));
        return this;
    }

    /** Throws when any check failed. */
    public void throwIfAny() {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
    }

    /** 1 to maxLength characters of printable ASCII (no spaces at either end, no control characters). */
    public static boolean isPrintable(String value, int maxLength) {
        if (value == null || value.isEmpty() || value.length() > maxLength || value.charAt(0) == ' '
                || value.charAt(value.length() - 1) == ' ') {
            return false;
        }
        // A loop, not a stream: every request id and anchor id of every write is checked.
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f) {
                return false;
            }
        }
        return true;
    }

    /** 1 to maxLength characters with no control characters (any script). */
    public static boolean isText(String value, int maxLength) {
        return value != null && !value.isBlank() && value.length() <= maxLength
                && value.codePoints().noneMatch(Character::isISOControl);
    }
}
