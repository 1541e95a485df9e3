package com.anchorhealth.domain.score;

import com.anchorhealth.domain.DomainException;

import java.util.Objects;

/**
 * An admin's manual correction of a score: from -50 to +50 points, never 0 (a correction that
 * changes nothing is no correction), with the reason for the audit trail.
 */
public record ScoreAdjustment(int delta, String reason) {
    public static final int MAX_POINTS = 50;
    public static final int MAX_REASON_LENGTH = 500;
    public static final String DELTA_RULE = "must be from -" + MAX_POINTS + " to -1 or from 1 to " + MAX_POINTS;
    public static final String REASON_RULE = "must be 1-" + MAX_REASON_LENGTH
            + " characters, not blank, no control characters";

    public ScoreAdjustment {
        Objects.requireNonNull(reason, "reason");
        if (!isValidDelta(delta)) {
            throw new DomainException("delta", DELTA_RULE);
        }
        if (!isValidReason(reason)) {
            throw new DomainException("reason", REASON_RULE);
        }
    }

    public static boolean isValidDelta(int delta) {
        return delta != 0 && delta >= -MAX_POINTS && delta <= MAX_POINTS;
    }

    public static boolean isValidReason(String reason) {
        return reason != null && !reason.isBlank() && reason.length() <= MAX_REASON_LENGTH
                && reason.codePoints().noneMatch(Character::isISOControl);
    }
}
