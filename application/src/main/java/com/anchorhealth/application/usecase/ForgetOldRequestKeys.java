package com.anchorhealth.application.usecase;

import com.anchorhealth.application.port.out.IdempotencyKeys;

import java.time.Clock;
import java.time.Duration;

/**
 * Forgets request keys older than the retention period, so the keys table stays the size of the
 * retry window; a retry after that is a new call. Who made each call stays in the audit trail.
 */
public final class ForgetOldRequestKeys {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);

    private final IdempotencyKeys keys;
    private final Duration retention;
    private final Clock clock;

    public ForgetOldRequestKeys(IdempotencyKeys keys, Duration retention, Clock clock) {
        this.keys = keys;
        this.retention = retention;
        this.clock = clock;
    }

    /** How many keys were forgotten. */
    public int runOnce() {
        return keys.pruneCreatedBefore(clock.instant().minus(retention));
    }
}
