package com.anchorhealth.application.port.out;

import java.time.Instant;

/**
 * The changes of anchors' standings read as a feed in commit order. Each change gets its feed position
 * from the transaction that writes it, and positions become visible in increasing order, so a reader
 * resuming after a position misses nothing and repeats nothing. Safe to use from several server
 * instances.
 */
public interface StandingFeed {
    /**
     * Gives positions to every committed change that has none (written by an earlier version, which
     * left positioning to the feed's readers), in the order they became visible, the changes of one
     * anchor in their sequence order; returns the last position committed so far.
     */
    long positionCommitted();

    /** Up to {@code limit} positioned changes after {@code position}, in feed order. */
    FeedPage readAfter(long position, int limit);

    FeedBounds bounds();

    /**
     * Deletes up to {@code max} of the oldest positioned changes, as long as they were created before
     * {@code cutoff}, and moves the pruned bound past them; returns how many it deleted.
     */
    int pruneBefore(Instant cutoff, int max);
}
