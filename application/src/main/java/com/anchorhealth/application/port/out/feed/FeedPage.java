package com.anchorhealth.application.port.out.feed;

import java.util.List;

/**
 * Changes read after a position, with the feed's bounds read after them: when those say the position
 * was pruned, the page may lack changes and must not be trusted.
 */
public record FeedPage(List<PositionedChange> changes, FeedBounds bounds) {
    public FeedPage {
        changes = List.copyOf(changes);
    }
}
