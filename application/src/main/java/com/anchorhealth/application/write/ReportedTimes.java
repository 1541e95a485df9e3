package com.anchorhealth.application.write;

import com.anchorhealth.application.error.InvalidRequestException;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** When a reporter says something happened: now when it says nothing, never in the future. */
public final class ReportedTimes {
    /** Reporters' clocks drift; a time this little ahead is taken as now-ish, not as a mistake. */
    static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofMinutes(5);
    /** Nothing on this platform happened before this; earlier times are typos or unset clocks. */
    public static final Instant EARLIEST_OCCURRENCE = Instant.parse("2000-01-01T00:00:00Z");

    private ReportedTimes() {
    }

    /** The reported time, or {@code now}; {@link InvalidRequestException} on {@code field} when it is ahead. */
    public static Instant occurredAt(Optional<Instant> reported, Instant now, String field) {
        Instant occurredAt = reported.orElse(now);
        if (occurredAt.isAfter(now.plus(CLOCK_SKEW_ALLOWANCE))) {
            throw InvalidRequestException.of(field, "must not be in the future");
        }
        return occurredAt;
    }
}
