package com.anchorhealth.application.feed;

import com.anchorhealth.application.port.out.feed.StandingFeed;

import java.time.Clock;
import java.time.Duration;

/** Prunes the feed of changes older than the retention period; watchers can resume within it. */
public final class FeedRetention {
    /** Changes deleted per transaction, so that pruning a backlog never holds locks for long. */
    static final int BATCH = 1000;

    private final StandingFeed feed;
    private final Duration retention;
    private final Clock clock;

    public FeedRetention(StandingFeed feed, Duration retention, Clock clock) {
        this.feed = feed;
        this.retention = retention;
        this.clock = clock;
    }

    /** Returns how many changes it pruned. */
    public int prune() {
        var cutoff = clock.instant().minus(retention);
        int total = 0;
        int pruned;
        do {
            pruned = feed.pruneBefore(cutoff, BATCH);
            total += pruned;
        } while (pruned == BATCH);
        return total;
    }
}
