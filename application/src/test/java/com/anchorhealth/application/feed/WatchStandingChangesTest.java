package com.anchorhealth.application.feed;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.FailedPreconditionException;
import com.anchorhealth.application.error.FieldViolation;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.feed.FeedBounds;
import com.anchorhealth.application.port.out.feed.StandingFeed;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.domain.policy.DefaultPolicy;
import com.anchorhealth.domain.sanction.ThresholdWarning;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;

import static com.anchorhealth.application.feed.FeedChanges.change;
import static com.anchorhealth.application.feed.FeedChanges.changes;
import static com.anchorhealth.application.feed.FeedChanges.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Watches run on a direct executor here, so each step completes before the assertions. */
class WatchStandingChangesTest {
    private final StandingFeed feed = mock(StandingFeed.class);
    private final FeedSubscribers subscribers = new FeedSubscribers();
    private final WatchStandingChanges watches = new WatchStandingChanges(feed, subscribers, policies(), Runnable::run,
            new ScopeChecks(mock(Anchors.class)), Clock.systemUTC());
    private final RecordingSink sink = new RecordingSink();
    /** The last position the mocked table holds; reads answer from positions 1 to it. */
    private final AtomicLong stored = new AtomicLong();

    private static PolicyBook policies() {
        PolicyBook policies = new PolicyBook();
        policies.load(List.of(DefaultPolicy.candidate().withVersion(1, FeedChanges.AT.minusSeconds(60))));
        return policies;
    }

    private void tableHoldsThrough(long last) {
        stored.set(last);
        when(feed.bounds()).thenAnswer(invocation -> new FeedBounds(0, stored.get()));
        when(feed.positionCommitted()).thenAnswer(invocation -> stored.get());
        when(feed.readAfter(anyLong(), anyInt())).thenAnswer(invocation -> {
            long after = invocation.getArgument(0);
            int limit = invocation.getArgument(1);
            long through = Math.min(after + limit, stored.get());
            return page(new FeedBounds(0, stored.get()), after >= through ? List.of() : changes(after + 1, through));
        });
    }

    @Test
    void aResumedWatchReadsTheTableFromItsCursorThenTakesTheTailersChangesWithoutRepeats() {
        tableHoldsThrough(5);
        subscribers.startAt(4);
        watches.watch(Scope.EVERY_GUILD, Optional.of(2L), sink).resume();
        assertEquals(List.of(3L, 4L, 5L), sink.positions());

        subscribers.publish(changes(5, 7));
        assertEquals(List.of(3L, 4L, 5L, 6L, 7L), sink.positions(), "5 came from the table already");
    }

    @Test
    void anEmptyCursorStartsAfterEverythingCommittedSoFar() {
        tableHoldsThrough(9);
        subscribers.startAt(6);
        watches.watch(Scope.EVERY_GUILD, Optional.empty(), sink).resume();
        subscribers.publish(changes(7, 10));
        assertEquals(List.of(10L), sink.positions());
    }

    @Test
    void aSlowWatcherFallsBehindInsteadOfBufferingThenCatchesUpFromTheTableInOrder() {
        tableHoldsThrough(0);
        FeedSubscription slow = watches.watch(Scope.EVERY_GUILD, Optional.empty(), sink);
        slow.resume();
        sink.ready = false;
        long many = FeedSubscription.LIVE_BUFFER + 1;
        tableHoldsThrough(many);
        subscribers.publish(changes(1, many));
        assertEquals(List.of(), sink.positions());

        sink.ready = true;
        slow.resume();
        subscribers.publish(changes(many + 1, many + 1));
        assertEquals(LongStream.rangeClosed(1, many + 1).boxed().toList(), sink.positions());
        // The dropped changes came back from the table, page by page, not from a buffer.
        verify(feed).readAfter(FeedSubscription.PAGE_SIZE, FeedSubscription.PAGE_SIZE);
    }

    @Test
    void aCursorAheadOfTheFeedIsRefusedNamingTheField() {
        tableHoldsThrough(20);
        watches.watch(Scope.EVERY_GUILD, Optional.of(21L), sink).resume();
        InvalidRequestException refused = assertInstanceOf(InvalidRequestException.class, sink.failure);
        assertEquals(List.of("after_cursor"), refused.violations().stream().map(FieldViolation::field).toList());
        assertEquals(0, subscribers.size());
    }

    @Test
    void aPrunedCursorHasExpiredWhetherSeenAtTheStartOrOnAPage() {
        when(feed.bounds()).thenReturn(new FeedBounds(10, 20));
        watches.watch(Scope.EVERY_GUILD, Optional.of(9L), sink).resume();
        assertEquals("CURSOR_EXPIRED", assertInstanceOf(FailedPreconditionException.class, sink.failure).type());

        RecordingSink later = new RecordingSink();
        when(feed.bounds()).thenReturn(new FeedBounds(0, 20));
        when(feed.readAfter(anyLong(), anyInt())).thenReturn(page(new FeedBounds(12, 20), changes(13, 20)));
        watches.watch(Scope.EVERY_GUILD, Optional.of(9L), later).resume();
        assertEquals("CURSOR_EXPIRED", assertInstanceOf(FailedPreconditionException.class, later.failure).type());
        assertEquals(List.of(), later.positions(), "nothing from a page that may have lost changes");
    }

    @Test
    void aScoreWithinTheWarningMarginAboveAThresholdCarriesAWarning() {
        tableHoldsThrough(0);
        watches.watch(Scope.EVERY_GUILD, Optional.empty(), sink).resume();
        subscribers.publish(List.of(change(1, "mia", 2, 43), change(2, "leo", 2, 39), change(3, "kai", 2, 22)));
        assertEquals(List.of(Optional.of(new ThresholdWarning(Tier.RESTRICTED, 40, 3)), Optional.empty(),
                        Optional.of(new ThresholdWarning(Tier.SEVERELY_RESTRICTED, 20, 2))),
                sink.sent.stream().map(WatchedChange::warning).toList());
    }

    @Test
    void stoppingTheServerEndsEveryWatchAndACancelledWatchGetsNothingMore() {
        tableHoldsThrough(0);
        FeedSubscription cancelled = watches.watch(Scope.EVERY_GUILD, Optional.empty(), new RecordingSink());
        cancelled.resume();
        watches.watch(Scope.EVERY_GUILD, Optional.empty(), sink).resume();
        cancelled.cancel();
        assertEquals(1, subscribers.size());

        subscribers.stopAll();
        assertTrue(sink.stopped);
        assertNull(sink.failure);
        assertEquals(0, subscribers.size());
    }
}
