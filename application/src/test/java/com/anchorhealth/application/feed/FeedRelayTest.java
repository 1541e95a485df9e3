package com.anchorhealth.application.feed;

import com.anchorhealth.application.fixtures.MovableClock;
import com.anchorhealth.application.port.out.feed.ChangePublisher;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.RelayLeases;
import com.anchorhealth.application.port.out.feed.RelayedChange;
import com.anchorhealth.application.standing.CommitSignal;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.domain.policy.DefaultPolicy;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeedRelayTest {
    private static final Duration TERM = Duration.ofSeconds(10);
    private static final Instant NOW = FeedChanges.AT.plusSeconds(3);

    private final InMemoryFeed feed = new InMemoryFeed();
    private final Leases leases = new Leases();
    private final Publisher publisher = new Publisher();
    private final PolicyBook policies = new PolicyBook();
    private final CommitSignal commits = new CommitSignal();

    FeedRelayTest() {
        policies.load(List.of(DefaultPolicy.candidate().withVersion(4, FeedChanges.AT.minusSeconds(60))));
    }

    private FeedRelay relay(String holder) {
        return relay(holder, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private FeedRelay relay(String holder, Clock clock) {
        return new FeedRelay("kafka:topic", holder, TERM, feed, leases, publisher, policies, commits, clock);
    }

    @Test
    void publishesEveryChangePageByPageInFeedOrderAndRecordsTheLastPosition() {
        feed.changes.addAll(FeedChanges.changes(1, FeedRelay.PAGE_SIZE + 20));
        FeedRelay relay = relay("a");

        relay.relay();

        assertEquals(FeedRelay.PAGE_SIZE + 20, publisher.positions().size());
        assertEquals(FeedChanges.changes(1, FeedRelay.PAGE_SIZE + 20).stream().map(PositionedChange::position).toList(),
                publisher.positions());
        assertEquals(List.of((long) FeedRelay.PAGE_SIZE, FeedRelay.PAGE_SIZE + 20L), publisher.batchEnds());
        assertEquals(FeedRelay.PAGE_SIZE + 20, leases.relayedThrough);
        assertEquals(4, publisher.published.get(0).policyVersion(), "the version in force when the change was made");
        assertTrue(relay.holding());
        assertEquals(0, relay.lagPositions());
    }

    @Test
    void aFailedBatchIsPublishedAgainFromTheLastAcknowledgedPosition() {
        feed.changes.addAll(FeedChanges.changes(1, 5));
        FeedRelay relay = relay("a");
        relay.relay();
        feed.changes.addAll(FeedChanges.changes(6, 9));
        publisher.failing = true;

        assertThrows(ChangePublisher.Unavailable.class, relay::relay);
        assertEquals(5, leases.relayedThrough, "nothing acknowledged, nothing recorded");
        assertEquals(4, relay.lagPositions());
        assertEquals(Duration.ofSeconds(3), relay.lagTime(), "the oldest change waiting was made 3 s ago");

        publisher.failing = false;
        relay.relay();
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L), publisher.positions());
        assertEquals(9, leases.relayedThrough);
    }

    @Test
    void anInstanceWithoutTheLeasePublishesNothingAndMeasuresTheHoldersLag() {
        feed.changes.addAll(FeedChanges.changes(1, 3));
        relay("a").relay();
        feed.changes.addAll(FeedChanges.changes(4, 7));
        FeedRelay second = relay("b");

        second.relay();

        assertFalse(second.holding());
        assertEquals(3, publisher.positions().size(), "only the holder's three");
        assertEquals(4, second.lagPositions());
    }

    @Test
    void aStoppedHolderFreesTheLeaseForAnotherToResumeAfterItsPosition() {
        feed.changes.addAll(FeedChanges.changes(1, 3));
        FeedRelay first = relay("a");
        first.relay();
        feed.changes.addAll(FeedChanges.changes(4, 5));

        first.stop();
        relay("b").relay();

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), publisher.positions());
        assertEquals("b", leases.holder);
    }

    @Test
    void aPositionPrunedBeforeItWasRelayedIsSkippedToTheOldestChangeKept() {
        feed.changes.addAll(FeedChanges.changes(1, 2));
        FeedRelay relay = relay("a");
        relay.relay();
        feed.changes.clear();
        feed.changes.addAll(FeedChanges.changes(6, 7));
        feed.prunedThrough = 5;

        relay.relay();

        assertEquals(List.of(1L, 2L, 6L, 7L), publisher.positions());
        assertEquals(7, leases.relayedThrough);
    }

    @Test
    void theHolderStartsItsNextRoundWhenThisServerCommitsNotAtTheEndOfItsInterval() {
        FeedRelay relay = relay("a");
        relay.relay();
        feed.changes.addAll(FeedChanges.changes(1, 3));
        CompletableFuture.runAsync(commits::committed, CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> relay.awaitNextRound(Duration.ofHours(1)));
        relay.relay();

        assertEquals(List.of(1L, 2L, 3L), publisher.positions());
    }

    @Test
    void anInstanceWithoutTheLeaseWaitsOutItsIntervalWhateverThisServerCommits() throws InterruptedException {
        relay("a").relay();
        FeedRelay second = relay("b");
        second.relay();
        commits.committed();

        assertWaitsOutTheInterval(second);
    }

    @Test
    void afterAFailedRoundTheHolderWaitsOutItsIntervalWhateverThisServerCommits() throws InterruptedException {
        FeedRelay relay = relay("a");
        feed.changes.addAll(FeedChanges.changes(1, 3));
        publisher.failing = true;
        assertThrows(ChangePublisher.Unavailable.class, relay::relay);
        commits.committed();

        assertWaitsOutTheInterval(relay);
    }

    @Test
    void theHolderRenewsItsLeaseOnceATenthOfItsTermHasPassedNotAtEveryRound() {
        MovableClock clock = new MovableClock(NOW);
        FeedRelay relay = relay("a", clock);
        for (long position = 1; position <= 3; position++) {
            feed.changes.add(FeedChanges.change(position));
            relay.relay();
        }
        assertEquals(1, leases.acquisitions);
        assertEquals(List.of(1L, 2L, 3L), publisher.positions(), "each round from the position it recorded");

        clock.set(NOW.plus(TERM.dividedBy(FeedRelay.RENEWALS_PER_TERM)));
        feed.changes.add(FeedChanges.change(4));
        relay.relay();

        assertEquals(2, leases.acquisitions);
        assertEquals(List.of(1L, 2L, 3L, 4L), publisher.positions());
    }

    @Test
    void aStoppedRelayPublishesNothingAndKeepsNoLease() {
        feed.changes.addAll(FeedChanges.changes(1, 3));
        FeedRelay relay = relay("a");
        relay.stop();

        relay.relay();

        assertEquals(List.of(), publisher.positions());
        assertFalse(relay.holding());
        assertEquals(null, leases.holder);
    }

    private static void assertWaitsOutTheInterval(FeedRelay relay) throws InterruptedException {
        long started = System.nanoTime();
        relay.awaitNextRound(Duration.ofMillis(300));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertTrue(waited.compareTo(Duration.ofMillis(300)) >= 0, "waited " + waited);
    }

    /** One relay's row; the lease never expires within a test. */
    private static final class Leases implements RelayLeases {
        String holder;
        long relayedThrough = -1;
        int acquisitions;

        @Override
        public Lease acquire(String relay, String holder, Instant now, Duration term, long startAfter) {
            acquisitions++;
            if (relayedThrough < 0) {
                relayedThrough = startAfter;
            }
            boolean held = this.holder == null || this.holder.equals(holder);
            if (held) {
                this.holder = holder;
            }
            return new Lease(held, relayedThrough);
        }

        @Override
        public boolean advance(String relay, String holder, long position) {
            if (!holder.equals(this.holder)) {
                return false;
            }
            relayedThrough = position;
            return true;
        }

        @Override
        public void release(String relay, String holder) {
            if (holder.equals(this.holder)) {
                this.holder = null;
            }
        }
    }

    private static final class Publisher implements ChangePublisher {
        final List<RelayedChange> published = new ArrayList<>();
        final List<Long> batchEnds = new ArrayList<>();
        boolean failing;

        @Override
        public void publish(List<RelayedChange> changes) {
            if (failing) {
                throw new Unavailable("broker down", null);
            }
            published.addAll(changes);
            batchEnds.add(changes.get(changes.size() - 1).position());
        }

        List<Long> positions() {
            return published.stream().map(RelayedChange::position).toList();
        }

        List<Long> batchEnds() {
            return batchEnds;
        }

        @Override
        public void close() {
        }
    }
}
