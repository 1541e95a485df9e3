package com.anchorhealth.application.feed;

import com.anchorhealth.application.port.out.feed.FeedBounds;
import com.anchorhealth.application.port.out.feed.FeedPage;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.StandingFeed;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The feed's changes in order, all committed, pruned through {@code prunedThrough}; counts its reads. */
final class InMemoryFeed implements StandingFeed {
    final List<PositionedChange> changes = new ArrayList<>();
    long prunedThrough;
    int reads;

    @Override
    public long positionCommitted() {
        return bounds().lastPosition();
    }

    @Override
    public FeedPage readBetween(long after, long through, int limit) {
        reads++;
        return new FeedPage(changes.stream().filter(change -> change.position() > Math.max(after, prunedThrough)
                && change.position() <= through).limit(limit).toList(), bounds());
    }

    @Override
    public FeedBounds bounds() {
        return new FeedBounds(prunedThrough, changes.isEmpty() ? prunedThrough : changes.get(changes.size() - 1)
                .position());
    }

    @Override
    public int pruneBefore(Instant cutoff, int max) {
        throw new UnsupportedOperationException();
    }
}
