package com.anchorhealth.application.feed;

import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.port.out.feed.FeedBounds;
import com.anchorhealth.application.port.out.feed.FeedPage;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Tier;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;

/** Positioned changes and pages of them, for the feed's tests. */
final class FeedChanges {
    static final Instant AT = Instant.parse("2026-03-01T08:00:00Z");

    private FeedChanges() {
    }

    static PositionedChange change(long position, String anchorId, int sequence, int newScore) {
        return new PositionedChange(position, new StandingChange("c" + position, new AnchorId(anchorId), sequence,
                newScore + 2, newScore, Tier.NORMAL, Tier.NORMAL, Set.of(), ChangeCause.VIOLATION_RECORDED,
                Optional.of("v" + position), AT));
    }

    static PositionedChange change(long position) {
        return change(position, "mia", (int) position, 90);
    }

    /** The changes at positions {@code first} to {@code last}. */
    static List<PositionedChange> changes(long first, long last) {
        return LongStream.rangeClosed(first, last).mapToObj(FeedChanges::change).toList();
    }

    static FeedPage page(FeedBounds bounds, List<PositionedChange> changes) {
        return new FeedPage(changes, bounds);
    }
}
