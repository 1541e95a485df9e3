package com.anchorhealth.application.feed;

import com.anchorhealth.application.port.out.feed.StandingFeed;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class FeedRetentionTest {
    private static final Instant NOW = Instant.parse("2026-03-08T12:00:00Z");

    private final StandingFeed feed = mock(StandingFeed.class);
    private final FeedRetention retention = new FeedRetention(feed, Duration.ofHours(168),
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void prunesBatchAfterBatchOfChangesOlderThanTheRetentionPeriodUntilABatchIsShort() {
        Instant cutoff = Instant.parse("2026-03-01T12:00:00Z");
        when(feed.pruneBefore(cutoff, FeedRetention.BATCH)).thenReturn(FeedRetention.BATCH, FeedRetention.BATCH, 7);

        assertEquals(2 * FeedRetention.BATCH + 7, retention.prune());
        verify(feed, times(3)).pruneBefore(cutoff, FeedRetention.BATCH);
    }

    @Test
    void nothingOldEnoughIsOneRound() {
        assertEquals(0, retention.prune());
        verify(feed).pruneBefore(Instant.parse("2026-03-01T12:00:00Z"), FeedRetention.BATCH);
    }
}
