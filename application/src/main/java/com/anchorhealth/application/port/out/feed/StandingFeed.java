package com.anchorhealth.application.port.out.feed;

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
    default FeedPage readAfter(long position, int limit) {
        return readBetween(position, Long.MAX_VALUE, limit);
    }

    /** Up to {@code limit} positioned changes after {@code after} and up to {@code through}, in feed order. */
    FeedPage readBetween(long after, long through, int limit);

    FeedBounds bounds();

    /**
     * Takes up to {@code max} of the oldest positioned changes out of the feed, as long as they were
     * created before {@code cutoff}, by moving the pruned bound past them (the rows that keep them stay,
     * as the anchors' history); returns how many it took.
     */
    int pruneBefore(Instant cutoff, int max);
}
