package com.anchorhealth.application.feed;

import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.port.out.DomainMetrics;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.application.standing.ChangesPublishedHere;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.LongStream;

import static com.anchorhealth.application.feed.FeedChanges.change;
import static com.anchorhealth.application.feed.FeedChanges.changes;
import static com.anchorhealth.application.fixtures.StoredAnchors.anchor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class FeedTailerTest {
    private static final AnchorId MIA = new AnchorId("mia");
    private static final AnchorId LEO = new AnchorId("leo");

    private final InMemoryFeed feed = new InMemoryFeed();
    private final Anchors anchors = mock(Anchors.class);
    private final StandingIndex index = new StandingIndex();
    private final ChangesPublishedHere publishedHere = new ChangesPublishedHere();
    private final DomainMetrics metrics = mock(DomainMetrics.class);
    private final FeedTailer tailer = new FeedTailer(feed, anchors, index, publishedHere, new FeedSubscribers(),
            metrics);

    @Test
    void anotherServersChangeReachesTheIndexWithTheFactsAsStored() {
        feed.changes.addAll(changes(1, 7));
        tailer.start();
        Instant occurred = Instant.parse("2026-03-01T07:00:00Z");
        feed.changes.add(change(8, "mia", 4, 35));
        when(anchors.findAll(Set.of(MIA))).thenReturn(List.of(anchor("mia").score(35, 4).lastViolationAt(occurred)
                .facts(1, "live-1").record()));

        tailer.poll();

        assertEquals(Optional.of(new StandingFacts(35, 100, Optional.of(occurred), true, StoredAnchors.held("live-1"))),
                index.factsOf(MIA));
        assertEquals(List.of(8L), delivered());
    }

    @Test
    void thisServersChangesComeFromMemoryAndTheStoreIsReadOnlyBetweenThem() {
        feed.changes.addAll(List.of(change(1, "mia", 1, 90), change(2, "mia", 2, 88), change(3, "leo", 1, 90),
                change(4, "leo", 2, 85), change(5, "mia", 3, 86)));
        publishedHere.add(List.of(feed.changes.get(0), feed.changes.get(1)));
        publishedHere.add(List.of(feed.changes.get(4)));
        when(anchors.findAll(Set.of(LEO))).thenReturn(List.of(anchor("leo").score(85, 2).record()));

        tailer.poll();

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), delivered(), "every change, in feed order");
        assertEquals(1, feed.reads, "one read, of positions 3 and 4");
        verify(anchors).findAll(Set.of(LEO));
        assertEquals(Optional.empty(), index.factsOf(MIA), "its writer publishes it, not the tailer");
        assertEquals(OptionalLong.empty(), publishedHere.firstAfter(0), "taken once");
    }

    @Test
    void aRoundOfOnlyThisServersChangesReadsNothingButTheCounter() {
        List<PositionedChange> own = changes(1, FeedTailer.PAGE_SIZE + 2);
        feed.changes.addAll(own);
        publishedHere.add(own);

        tailer.poll();

        assertEquals(0, feed.reads);
        verify(anchors, never()).findAll(any());
        assertEquals(LongStream.rangeClosed(1, FeedTailer.PAGE_SIZE + 2).boxed().toList(), delivered());
    }

    @Test
    void aChangeOfThisServersNotYetCommittedWaitsForTheCounter() {
        feed.changes.add(change(1));
        publishedHere.add(List.of(change(1), change(2)));

        tailer.poll();
        assertEquals(List.of(1L), delivered());

        feed.changes.add(change(2));
        tailer.poll();
        assertEquals(List.of(1L, 2L), delivered());
        assertEquals(0, feed.reads);
    }

    @Test
    void aChangeThatReachesMemoryAfterTheTailerReadItFromTheStoreIsNotDeliveredTwice() {
        feed.changes.add(change(1));
        when(anchors.findAll(any())).thenReturn(List.of(anchor("mia").record()));
        tailer.poll();

        publishedHere.add(List.of(change(1)));
        tailer.poll();

        assertEquals(List.of(1L), delivered());
        assertEquals(OptionalLong.empty(), publishedHere.firstAfter(0), "forgotten, not kept for ever");
    }

    @Test
    void theStoresOlderSequenceNeverReplacesNewerFacts() {
        StandingFacts newer = new StandingFacts(20, 100, Optional.empty(), false, HeldSessions.NONE);
        index.publish(MIA, 5, newer);
        feed.changes.add(change(1, "mia", 4, 35));
        when(anchors.findAll(Set.of(MIA))).thenReturn(List.of(anchor("mia").score(35, 4).record()));

        tailer.poll();

        assertEquals(Optional.of(newer), index.factsOf(MIA));
    }

    @Test
    void anotherServersChangesAreReadPageByPageUpToTheCommittedCounterAndTheNextRoundGoesOnFromThere() {
        when(anchors.findAll(any())).thenReturn(List.of(anchor("mia").record()));
        int full = FeedTailer.PAGE_SIZE;
        feed.changes.addAll(changes(1, full + 1));

        tailer.poll();
        assertEquals(2, feed.reads, "a full page, then the one left");
        feed.changes.addAll(changes(full + 2, full + 3));
        tailer.poll();

        assertEquals(3, feed.reads);
        assertEquals(LongStream.rangeClosed(1, full + 3).boxed().toList(), delivered());
    }

    @Test
    void positionsPrunedBetweenThisServersChangesAreSkipped() {
        feed.changes.addAll(List.of(change(1), change(4)));
        feed.prunedThrough = 3;
        publishedHere.add(List.of(change(4)));

        tailer.poll();

        assertEquals(List.of(4L), delivered());
        assertEquals(1, feed.reads, "positions 1 to 3, once");
    }

    /** The positions of the changes the tailer handed on, in the order it did. */
    private List<Long> delivered() {
        ArgumentCaptor<StandingChange> handed = ArgumentCaptor.forClass(StandingChange.class);
        verify(metrics, atLeast(0)).standingChanged(handed.capture());
        return handed.getAllValues().stream().map(change -> Long.parseLong(change.changeId().substring(1))).toList();
    }
}
