package com.anchorhealth.domain.score;

import com.anchorhealth.domain.vocabulary.Severity;

import java.time.Instant;
import java.util.Objects;

/**
 * An anchor's violations as a replay can count them instead of folding them one by one: how many of
 * each severity were not overturned, and an instant none of those occurred before (their earliest
 * occurrence, or that of all the anchor's violations: any such bound will do).
 */
public record ViolationCounts(int minor, int moderate, int serious, int severe, Instant occurredFrom) {
    /** No violation counted (none occurred, so any instant bounds them). */
    public static final ViolationCounts NONE = new ViolationCounts(0, 0, 0, 0, Instant.EPOCH);

    public ViolationCounts {
        Objects.requireNonNull(occurredFrom, "occurredFrom");
        if (minor < 0 || moderate < 0 || serious < 0 || severe < 0) {
            throw new IllegalArgumentException("a count must not be negative");
        }
    }

    public long total() {
        return (long) minor + moderate + serious + severe;
    }

    public int of(Severity severity) {
        return switch (severity) {
            case MINOR -> minor;
            case MODERATE -> moderate;
            case SERIOUS -> serious;
            case SEVERE -> severe;
        };
    }
}
