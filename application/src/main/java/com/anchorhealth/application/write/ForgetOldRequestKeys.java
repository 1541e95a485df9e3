package com.anchorhealth.application.write;

import com.anchorhealth.application.port.out.IdempotencyKeys;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Forgets request keys older than the retention period, so the keys table stays the size of the
 * retry window; a retry after that is a new call. Who made each call stays in the audit trail.
 * Keys go in batches, each a short transaction of its own, so that a backlog (a first run, a long
 * pause) never becomes one statement that holds locks and undo for millions of rows.
 */
public final class ForgetOldRequestKeys {
    public static final Duration DEFAULT_RETENTION = Duration.ofDays(30);
    public static final int DEFAULT_BATCH = 1_000;

    private final IdempotencyKeys keys;
    private final Duration retention;
    private final int batch;
    private final Clock clock;

    public ForgetOldRequestKeys(IdempotencyKeys keys, Duration retention, int batch, Clock clock) {
        this.keys = keys;
        this.retention = retention;
        this.batch = batch;
        this.clock = clock;
    }

    /** How many keys were forgotten. */
    public int runOnce() {
        Instant cutoff = clock.instant().minus(retention);
        int forgotten = 0;
        int last;
        do {
            last = keys.pruneCreatedBefore(cutoff, batch);
            forgotten += last;
        } while (last == batch);
        return forgotten;
    }
}
