package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.ChangeCause;
import com.anchorhealth.application.port.out.FeedBounds;
import com.anchorhealth.application.port.out.PositionedChange;
import com.anchorhealth.application.port.out.StandingChange;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static com.anchorhealth.adapter.persistence.jooq.Tables.CHANGE_FEEDS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.STANDING_CHANGES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The outbox read as a feed, against a real database; subclasses choose the engine. */
abstract class StandingFeedContract extends OneDatabaseContract {
    static final Instant T0 = Instant.parse("2026-03-01T08:15:30.123Z");

    private JooqStandingOutbox outbox;
    private JooqStandingFeed feed;
    private JooqTransactions transactions;

    @BeforeEach
    void emptyFeed() {
        var dsl = database.dsl();
        dsl.deleteFrom(STANDING_CHANGES).execute();
        dsl.update(CHANGE_FEEDS).set(CHANGE_FEEDS.LAST_POSITION, 0L).set(CHANGE_FEEDS.PRUNED_THROUGH, 0L).execute();
        outbox = new JooqStandingOutbox(dsl);
        feed = new JooqStandingFeed(dsl);
        transactions = new JooqTransactions(dsl);
    }

    @Test
    void committedChangesAreReadAfterAPositionInFeedOrder() {
        StandingChange first = change("c1", "mia", 1, T0);
        StandingChange second = change("c2", "leo", 1, T0);
        outbox.append(first);
        outbox.append(second);

        assertEquals(2, feed.positionCommitted());
        assertEquals(List.of(new PositionedChange(1, first), new PositionedChange(2, second)),
                feed.readAfter(0, 10).changes());
        assertEquals(List.of(new PositionedChange(2, second)), feed.readAfter(1, 10).changes());
        assertEquals(List.of(new PositionedChange(1, first)), feed.readAfter(0, 1).changes());
        assertEquals(new FeedBounds(0, 2), feed.bounds());
        assertEquals(2, feed.positionCommitted(), "positions are given once");
    }

    @Test
    void aChangeCommittedLaterWithASmallerIdIsPositionedAfterTheOthers() throws Exception {
        CountDownLatch inserted = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        CompletableFuture<Void> slowWriter = CompletableFuture.runAsync(() -> transactions.inTransaction(() -> {
            outbox.append(change("a-smaller-id", "mia", 1, T0));
            inserted.countDown();
            await(mayCommit);
            return null;
        }));
        assertTrue(inserted.await(10, TimeUnit.SECONDS));
        outbox.append(change("z-larger-id", "leo", 1, T0));

        assertEquals(1, feed.positionCommitted(), "the uncommitted change has no position yet");
        mayCommit.countDown();
        slowWriter.get(10, TimeUnit.SECONDS);
        assertEquals(2, feed.positionCommitted());

        assertEquals(List.of("z-larger-id", "a-smaller-id"), feed.readAfter(0, 10).changes().stream()
                .map(positioned -> positioned.change().changeId()).toList());
        assertEquals(List.of("a-smaller-id"), feed.readAfter(1, 10).changes().stream()
                .map(positioned -> positioned.change().changeId()).toList(), "a reader after 1 still gets it");
    }

    @Test
    void anAnchorsChangesArePositionedInSequenceOrderWhateverTheirIds() {
        outbox.append(change("a1", "mia", 2, T0));
        outbox.append(change("a5", "leo", 1, T0));
        outbox.append(change("b1", "mia", 1, T0));

        feed.positionCommitted();
        assertEquals(List.of("b1", "a5", "a1"), feed.readAfter(0, 10).changes().stream()
                .map(positioned -> positioned.change().changeId()).toList());
    }

    @Test
    void pruningTakesTheOldestChangesInBatchesAndMovesTheBound() {
        outbox.append(change("c1", "mia", 1, T0));
        outbox.append(change("c2", "mia", 2, T0.plusMillis(1)));
        outbox.append(change("c3", "mia", 3, T0.plusMillis(10)));
        outbox.append(change("c4", "mia", 4, T0.plusMillis(2)));
        feed.positionCommitted();

        assertEquals(1, feed.pruneBefore(T0.plusMillis(5), 1));
        assertEquals(new FeedBounds(1, 4), feed.bounds());
        assertEquals(1, feed.pruneBefore(T0.plusMillis(5), 10), "stops at the first change younger than the cutoff");
        assertEquals(0, feed.pruneBefore(T0.plusMillis(5), 10));
        assertEquals(new FeedBounds(2, 4), feed.bounds());

        var page = feed.readAfter(0, 10);
        assertTrue(page.bounds().pruned(0), "a reader after 0 learns that it lost changes");
        assertFalse(page.bounds().pruned(2));
        assertEquals(List.of("c3", "c4"), page.changes().stream()
                .map(positioned -> positioned.change().changeId()).toList());
    }

    private static StandingChange change(String id, String anchor, int sequence, Instant at) {
        return new StandingChange(id, new AnchorId(anchor), sequence, 50, 45, Tier.NORMAL, Tier.NORMAL, Set.of(),
                ChangeCause.VIOLATION_RECORDED, Optional.of("v-" + id), at);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
