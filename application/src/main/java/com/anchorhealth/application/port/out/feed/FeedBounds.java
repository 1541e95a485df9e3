package com.anchorhealth.application.port.out.feed;

/**
 * The positions a feed can be read after: from {@code prunedThrough} (older changes were pruned) to
 * {@code lastPosition} (the newest change positioned).
 */
public record FeedBounds(long prunedThrough, long lastPosition) {

    /** Whether reading after {@code position} may have lost changes to pruning. */
    public boolean pruned(long position) {
        return position < prunedThrough;
    }
}
