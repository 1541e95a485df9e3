package com.anchorhealth.application.feed;

import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.port.out.DomainMetrics;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.feed.FeedBounds;
import com.anchorhealth.application.port.out.feed.StandingFeed;
import com.anchorhealth.application.standing.ChangesPublishedHere;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.anchorhealth.application.feed.FeedChanges.change;
import static com.anchorhealth.application.feed.FeedChanges.changes;
import static com.anchorhealth.application.feed.FeedChanges.page;
import static com.anchorhealth.application.fixtures.StoredAnchors.anchor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class FeedTailerTest {
    private static final AnchorId MIA = new AnchorId("mia");
    private static final FeedBounds BOUNDS = new FeedBounds(0, 1000);

    private final StandingFeed feed = mock(StandingFeed.class);
    private final Anchors anchors = mock(Anchors.class);
    private final StandingIndex index = new StandingIndex();
    private final FeedSubscribers subscribers = new FeedSubscribers();
    private final ChangesPublishedHere publishedHere = new ChangesPublishedHere();
    private final FeedTailer tailer = new FeedTailer(feed, anchors, index, publishedHere, subscribers,
            mock(DomainMetrics.class));

    @Test
    void anotherServersChangeReachesTheIndexWithTheFactsAsStored() {
        when(feed.positionCommitted()).thenReturn(7L);
        tailer.start();
        Instant occurred = Instant.parse("2026-03-01T07:00:00Z");
        when(feed.readAfter(7, FeedTailer.PAGE_SIZE)).thenReturn(page(BOUNDS, List.of(change(8, "mia", 4, 35))));
        when(anchors.findAll(Set.of(MIA))).thenReturn(List.of(anchor("mia").score(35, 4).lastViolationAt(occurred)
                .facts(1, "live-1").record()));

        tailer.poll();

        assertEquals(Optional.of(new StandingFacts(35, 100, Optional.of(occurred), true, StoredAnchors.held("live-1"))),
                index.factsOf(MIA));
    }

    @Test
    void aChangeThisServerPublishedAsItCommittedIsNotReadBackButAnotherServersIs() {
        publishedHere.add(List.of("c1"));
        when(feed.readAfter(0, FeedTailer.PAGE_SIZE)).thenReturn(page(BOUNDS, List.of(change(1, "mia", 4, 35),
                change(2, "leo", 2, 80))));
        when(anchors.findAll(Set.of(new AnchorId("leo")))).thenReturn(List.of(anchor("leo").score(80, 2).record()));

        tailer.poll();

        verify(anchors).findAll(Set.of(new AnchorId("leo")));
        assertEquals(Optional.empty(), index.factsOf(MIA), "its writer publishes it, not the tailer");
        assertFalse(publishedHere.take("c1"), "met once, forgotten");
    }

    @Test
    void aPageOfOnlyThisServersChangesReadsNoAnchor() {
        publishedHere.add(List.of("c1", "c2"));
        when(feed.readAfter(0, FeedTailer.PAGE_SIZE)).thenReturn(page(BOUNDS, changes(1, 2)));

        tailer.poll();

        verify(anchors, never()).findAll(any());
    }

    @Test
    void theStoresOlderSequenceNeverReplacesNewerFacts() {
        StandingFacts newer = new StandingFacts(20, 100, Optional.empty(), false, HeldSessions.NONE);
        index.publish(MIA, 5, newer);
        when(feed.readAfter(0, FeedTailer.PAGE_SIZE)).thenReturn(page(BOUNDS, List.of(change(1, "mia", 4, 35))));
        when(anchors.findAll(Set.of(MIA))).thenReturn(List.of(anchor("mia").score(35, 4).record()));

        tailer.poll();

        assertEquals(Optional.of(newer), index.factsOf(MIA));
    }

    @Test
    void eachRoundPositionsNewCommitsThenReadsPagesUntilAShortOneAndTheNextRoundGoesOnFromThere() {
        when(anchors.findAll(any())).thenReturn(List.of(anchor("mia").record()));
        int full = FeedTailer.PAGE_SIZE;
        when(feed.readAfter(0, full)).thenReturn(page(BOUNDS, changes(1, full)));
        when(feed.readAfter(full, full)).thenReturn(page(BOUNDS, changes(full + 1, full + 1)));
        when(feed.readAfter(full + 1, full)).thenReturn(page(BOUNDS, List.of()));

        tailer.poll();
        tailer.poll();

        var order = inOrder(feed);
        order.verify(feed).positionCommitted();
        order.verify(feed).readAfter(0, full);
        order.verify(feed).readAfter(full, full);
        order.verify(feed).positionCommitted();
        order.verify(feed).readAfter(full + 1, full);
    }
}
