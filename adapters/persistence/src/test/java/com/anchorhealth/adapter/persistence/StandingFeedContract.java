package com.anchorhealth.adapter.persistence;

import com.anchorhealth.adapter.persistence.jooq.tables.records.StandingChangesRecord;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.error.StoreConflictException;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.AnchorChanges;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.port.out.feed.FeedBounds;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.RelayLeases;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;
import org.jooq.ExecuteListener;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import static com.anchorhealth.adapter.persistence.jooq.Tables.ANCHORS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.CHANGE_FEEDS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.FEED_RELAYS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.SCORE_EVENTS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.STANDING_CHANGES;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The changes kept on ledger entries and violations, and in the former outbox, read as a feed, against a real database; subclasses choose the engine. */
abstract class StandingFeedContract extends OneDatabaseContract {
    static final Instant T0 = Instant.parse("2026-03-01T08:15:30.123Z");

    private JooqLedger ledger;
    private JooqStandingFeed feed;
    private JooqTransactions transactions;

    @BeforeEach
    void emptyFeed() {
        var dsl = database.dsl();
        dsl.deleteFrom(STANDING_CHANGES).execute();
        dsl.deleteFrom(SCORE_EVENTS).execute();
        dsl.deleteFrom(FEED_RELAYS).execute();
        dsl.deleteFrom(ANCHORS).execute();
        dsl.update(CHANGE_FEEDS).set(CHANGE_FEEDS.LAST_POSITION, 0L).set(CHANGE_FEEDS.PRUNED_THROUGH, 0L).execute();
        ledger = new JooqLedger(dsl);
        feed = new JooqStandingFeed(dsl);
        transactions = new JooqTransactions(dsl);
    }

    @Test
    void committedChangesAreReadAfterAPositionInFeedOrder() {
        StandingChange first = change("c1", "mia", 1, T0);
        StandingChange second = change("c2", "leo", 1, T0);
        appendCommitted(first, second);

        assertEquals(2, feed.positionCommitted());
        assertEquals(List.of(new PositionedChange(1, first), new PositionedChange(2, second)),
                feed.readAfter(0, 10).changes());
        assertEquals(List.of(new PositionedChange(2, second)), feed.readAfter(1, 10).changes());
        assertEquals(List.of(new PositionedChange(1, first)), feed.readAfter(0, 1).changes());
        assertEquals(new FeedBounds(0, 2), feed.bounds());
        assertEquals(2, feed.positionCommitted(), "positions are given once");
    }

    /**
     * A read of the feed reads its sources one statement each, so a transaction that commits between
     * two of them can show its rows to the later statement while the earlier one missed a change
     * committed just before it, at a lower position: a reader that passed that gap would skip the
     * change for ever. So a read goes no further than the counter it read first: every change at or
     * below it had committed by then. Shown with a row whose counter move the reader has not seen.
     */
    @Test
    void aReadStopsAtTheCounterItReadFirst() {
        StandingChange first = change("c1", "mia", 1, T0);
        StandingChange second = change("c2", "leo", 1, T0);
        appendCommitted(first);
        appendCommitted(second);
        var dsl = database.dsl();
        dsl.update(CHANGE_FEEDS).set(CHANGE_FEEDS.LAST_POSITION, 1L).execute();

        assertEquals(List.of(new PositionedChange(1, first)), feed.readAfter(0, 10).changes(),
                "position 2 lies beyond the counter the read began with");
        dsl.update(CHANGE_FEEDS).set(CHANGE_FEEDS.LAST_POSITION, 2L).execute();
        assertEquals(List.of(new PositionedChange(1, first), new PositionedChange(2, second)),
                feed.readAfter(0, 10).changes());
    }

    /**
     * A transaction holds the feed's counter from its write of changes to its commit: a later writer
     * waits for it, so positions become visible in order and a reader never passes a gap.
     */
    @Test
    void aWriterAfterAnUncommittedOneWaitsForItsCommitAndFollowsIt() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch mayCommit = new CountDownLatch(1);
        CompletableFuture<Void> slowWriter = CompletableFuture.runAsync(() -> transactions.inTransaction(() -> {
            write(List.of(change("written-first", "mia", 1, T0)));
            written.countDown();
            await(mayCommit);
            return null;
        }));
        assertTrue(written.await(10, TimeUnit.SECONDS));
        CompletableFuture<Void> nextWriter = CompletableFuture.runAsync(() -> appendCommitted(change("written-next", "leo", 1, T0)));

        Thread.sleep(300);
        assertFalse(nextWriter.isDone(), "the next writer waits for the counter");
        assertEquals(List.of(), feed.readAfter(0, 10).changes(), "nothing committed, nothing read");
        mayCommit.countDown();
        slowWriter.get(10, TimeUnit.SECONDS);
        nextWriter.get(10, TimeUnit.SECONDS);

        assertEquals(2, feed.bounds().lastPosition());
        assertEquals(List.of("written-first", "written-next"), feed.readAfter(0, 10).changes().stream()
                .map(positioned -> positioned.change().changeId()).toList());
    }

    @Test
    void aReaderFollowingConcurrentWritersMissesNoChange() throws Exception {
        int writers = 6;
        int transactionsEach = 40;
        AtomicInteger written = new AtomicInteger();
        CompletableFuture<?>[] writing = new CompletableFuture<?>[writers];
        for (int w = 0; w < writers; w++) {
            int writer = w;
            writing[w] = CompletableFuture.runAsync(() -> {
                for (int t = 0; t < transactionsEach; t++) {
                    // One to three changes a transaction, so that positions are taken in runs.
                    StandingChange[] changes = new StandingChange[1 + t % 3];
                    for (int c = 0; c < changes.length; c++) {
                        changes[c] = change(writer + "-" + t + "-" + c, "anchor-" + writer, t * 3 + c, T0);
                    }
                    appendCommitted(changes);
                    written.addAndGet(changes.length);
                }
            });
        }
        CompletableFuture<Void> allWritten = CompletableFuture.allOf(writing);
        List<String> read = new ArrayList<>();
        long position = 0;
        boolean lastRound;
        do {
            lastRound = allWritten.isDone();
            for (PositionedChange next : feed.readAfter(position, 50).changes()) {
                assertEquals(position + 1, next.position(), "positions are read in order, none skipped");
                position = next.position();
                read.add(next.change().changeId());
            }
        } while (!lastRound || position < feed.bounds().lastPosition());
        allWritten.get();

        assertEquals(written.get(), read.size());
        assertEquals(written.get(), Set.copyOf(read).size(), "each change once");
    }

    @Test
    void aLargeWriteIsPositionedInOrderWhetherItsStatementsGoOneByOneOrTogether() throws Exception {
        List<StandingChange> oneByOne = new ArrayList<>();
        List<StandingChange> together = new ArrayList<>();
        // More rows than one statement takes, so that positions run on across statements.
        for (int i = 0; i < MultiRowInsert.ROWS_PER_STATEMENT + 20; i++) {
            oneByOne.add(change("i" + i, "mia", i + 1, T0));
            together.add(change("b" + i, "leo", i + 1, T0));
        }
        transactions.inTransaction(() -> {
            database.dsl().connection(connection -> RowWrite.execute(connection, positioned(oneByOne), false));
            // As a group writes them: in one round trip where the connection takes several statements.
            database.dsl().connection(connection -> RowWrite.execute(connection, positioned(together),
                    Database.runsStatementsAsOne(database.dsl().dialect())));
            return null;
        });

        List<PositionedChange> read = new ArrayList<>();
        for (long position = 0; read.size() < oneByOne.size() + together.size(); position = read.get(read.size() - 1).position()) {
            read.addAll(feed.readAfter(position, 400).changes());
        }
        List<StandingChange> written = new ArrayList<>(oneByOne);
        written.addAll(together);
        assertEquals(written, read.stream().map(PositionedChange::change).toList());
        assertEquals(LongStream.rangeClosed(1, written.size()).boxed().toList(),
                read.stream().map(PositionedChange::position).toList());
    }

    /** The counter's move and the ledger entries keeping the changes, as a group writes them. */
    private List<RowWrite.Bound> positioned(List<StandingChange> changes) {
        List<RowWrite.Bound> statements = new ArrayList<>();
        SQLDialect dialect = database.dsl().dialect();
        statements.add(FeedSources.counterMove(changes.size(), dialect));
        statements.addAll(ledger.rowsOf(changes.stream().map(StandingFeedContract::entryOf).toList(),
                FeedSources.placed(changes, false)).bound(FeedSources.movedCounter(dialect)));
        return statements;
    }

    @Test
    void aStatementThatFailsAfterOthersInOneRoundTripFailsTheWrite() {
        List<RowWrite.Bound> statements = List.of(
                new RowWrite.Bound("UPDATE change_feeds SET pruned_through = pruned_through WHERE feed_name = ?",
                        List.of(JooqStandingFeed.FEED)),
                new RowWrite.Bound("INSERT INTO change_feeds (feed_name, last_position, pruned_through) VALUES (?, 0, 0)",
                        List.of(JooqStandingFeed.FEED)));

        assertThrows(StoreConflictException.class, () -> transactions.inTransaction(() -> {
            StoreErrors.translating(() -> database.dsl().connection(connection -> RowWrite.execute(connection,
                    statements, Database.runsStatementsAsOne(database.dsl().dialect()))));
            return null;
        }), "the second statement's duplicate key");
    }

    @Test
    void changesAnEarlierVersionLeftUnpositionedArePositionedInEachAnchorsSequenceOrder() {
        insertUnpositioned(change("a1", "mia", 2, T0), change("a5", "leo", 1, T0), change("b1", "mia", 1, T0));

        assertEquals(3, feed.positionCommitted());
        assertEquals(List.of("b1", "a5", "a1"), feed.readAfter(0, 10).changes().stream()
                .map(positioned -> positioned.change().changeId()).toList());
        appendCommitted(change("c1", "leo", 2, T0));
        assertEquals(List.of("c1"), feed.readAfter(3, 10).changes().stream()
                .map(positioned -> positioned.change().changeId()).toList(), "writers carry on from them");
    }

    @Test
    void pruningTakesTheOldestChangesInBatchesAndMovesTheBound() {
        appendCommitted(change("c1", "mia", 1, T0), change("c2", "mia", 2, T0.plusMillis(1)),
                change("c3", "mia", 3, T0.plusMillis(10)), change("c4", "mia", 4, T0.plusMillis(2)));

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

    /**
     * The tier drops the feed holds, newest first, a keyset page at a time: a page reads one drop more
     * than it shows (and the feed's bounds), however long the feed; the pages, read either way, hold
     * every drop once; a guild's hold its members' only; and pruned drops are no longer there.
     */
    @Test
    void tierDropsArePagedNewestFirstReadingOnlyAPageWhateverTheFeedsLength() {
        int fallers = 120;
        List<StandingChange> changes = new ArrayList<>();
        List<String> newestFirst = new ArrayList<>();
        JooqAnchors anchors = new JooqAnchors(database.dsl());
        for (int i = 0; i < fallers; i++) {
            String anchor = "faller-" + i;
            anchors.insert(PersistenceContract.anchor(anchor, 41, Optional.of(i % 3 == 0 ? "stars" : "moons")));
            changes.add(tierChange("drop-" + i, anchor, 1, Tier.RESTRICTED, T0.plusMillis(2L * i)));
            changes.add(tierChange("rise-" + i, anchor, 2, Tier.NORMAL, T0.plusMillis(2L * i + 1)));
            newestFirst.add(0, "drop-" + i);
        }
        appendCommitted(changes.toArray(StandingChange[]::new));
        AtomicInteger rowsRead = new AtomicInteger();
        JooqStandingOutbox outbox = new JooqStandingOutbox(database.dsl().configuration()
                .derive(ExecuteListener.onRecordEnd(row -> rowsRead.incrementAndGet())).dsl());
        int size = 25;

        Page<StandingChange> first = outbox.tierDrops(Optional.empty(), PageRequest.first(size));
        assertEquals(newestFirst.subList(0, size), ids(first));
        assertEquals(size + 1 + 1, rowsRead.get(), "the page, one drop more, and the feed's bounds, of "
                + 2 * fallers + " changes");
        assertEquals(Optional.empty(), first.previousBefore());

        List<String> forward = new ArrayList<>();
        for (Page<StandingChange> page = first; ; page = outbox.tierDrops(Optional.empty(),
                new PageRequest(size, page.nextAfter()))) {
            forward.addAll(ids(page));
            if (page.nextAfter().isEmpty()) {
                break;
            }
        }
        assertEquals(newestFirst, forward);
        List<String> backward = new ArrayList<>();
        for (Page<StandingChange> page = outbox.tierDrops(Optional.empty(), PageRequest.last(size)); ;
             page = outbox.tierDrops(Optional.empty(), PageRequest.before(size, page.previousBefore().orElseThrow()))) {
            backward.addAll(0, ids(page));
            if (page.previousBefore().isEmpty()) {
                break;
            }
        }
        assertEquals(newestFirst, backward, "read from the oldest back to the newest");

        assertEquals(newestFirst.stream().filter(id -> Integer.parseInt(id.substring(5)) % 3 == 0).toList(),
                ids(outbox.tierDrops(Optional.of(Set.of("stars")), PageRequest.first(fallers))), "a guild's members'");
        assertThrows(InvalidRequestException.class, () -> outbox.tierDrops(Optional.empty(),
                new PageRequest(size, Optional.of("drop-7"))), "a key this list never gave");

        feed.pruneBefore(T0.plusMillis(20), fallers);
        assertEquals(newestFirst.subList(newestFirst.size() - size - 10, newestFirst.size() - 10),
                ids(outbox.tierDrops(Optional.empty(), PageRequest.last(size))), "the ten oldest drops pruned");
    }

    private static List<String> ids(Page<StandingChange> page) {
        return page.items().stream().map(StandingChange::changeId).toList();
    }

    /** A change of the anchor's tier from the other one to {@code to}: down to RESTRICTED, or back up. */
    private static StandingChange tierChange(String id, String anchor, int sequence, Tier to, Instant at) {
        boolean drop = to == Tier.RESTRICTED;
        return new StandingChange(id, new AnchorId(anchor), sequence, drop ? 41 : 38, drop ? 38 : 41,
                drop ? Tier.NORMAL : Tier.RESTRICTED, to, drop ? Set.of(Capability.PK) : Set.of(),
                drop ? ChangeCause.SCORE_ADJUSTED : ChangeCause.RECOVERY, Optional.empty(), at);
    }

    /** Each change with the ledger entry that records it, committed in one transaction. */
    private void appendCommitted(StandingChange... changes) {
        transactions.inTransaction(() -> {
            write(List.of(changes));
            return null;
        });
    }

    private void write(List<StandingChange> changes) {
        new JooqAnchorChanges(database.dsl()).write(new AnchorChanges.Written(List.of(),
                changes.stream().map(StandingFeedContract::entryOf).toList(), List.of(), changes), T0);
    }

    private static ScoreEvent entryOf(StandingChange change) {
        return new ScoreEvent(change.anchorId(), change.anchorSequence(), ScoreEventKind.ADJUSTMENT,
                change.newScore() - change.oldScore(), change.newScore(), Optional.empty(), Optional.of("test"),
                change.createdAt(), "admin");
    }

    /** As a writer of a version before V17 left its changes: in the outbox, without a position. */
    private void insertUnpositioned(StandingChange... changes) {
        for (StandingChange change : changes) {
            StandingChangesRecord row = database.dsl().newRecord(STANDING_CHANGES);
            row.setChangeId(change.changeId());
            row.setAnchorId(change.anchorId().value());
            row.setAnchorSeq(change.anchorSequence());
            row.setOldScore(change.oldScore());
            row.setNewScore(change.newScore());
            row.setOldTier(change.oldTier().name());
            row.setNewTier(change.newTier().name());
            row.setDeniedCapabilities(FeedSources.denied(change.deniedCapabilities()));
            row.setCause(change.cause().name());
            row.setViolationId(change.violationId().orElse(null));
            row.setCreatedAt(change.createdAt().toEpochMilli());
            row.insert();
        }
    }

    private static StandingChange change(String id, String anchor, int sequence, Instant at) {
        return new StandingChange(id, new AnchorId(anchor), sequence, 50, 45, Tier.NORMAL, Tier.NORMAL, Set.of(),
                ChangeCause.SCORE_ADJUSTED, Optional.empty(), at);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Test
    void oneInstanceAtATimeHoldsARelaysLeaseAndAnotherTakesItOnceItExpires() {
        JooqRelayLeases leases = new JooqRelayLeases(database.dsl());
        Duration term = Duration.ofSeconds(10);

        assertEquals(new RelayLeases.Lease(true, 7), leases.acquire("kafka:t", "a", T0, term, 7),
                "a relay never run starts after the position given");
        assertEquals(new RelayLeases.Lease(false, 7), leases.acquire("kafka:t", "b", T0.plusSeconds(9), term, 0));
        assertEquals(new RelayLeases.Lease(true, 7), leases.acquire("kafka:t", "a", T0.plusSeconds(9), term, 0),
                "the holder renews it");
        assertEquals(new RelayLeases.Lease(false, 7), leases.acquire("kafka:t", "b", T0.plusSeconds(18), term, 0),
                "renewed until 19 s");
        assertTrue(leases.advance("kafka:t", "a", 40));

        assertEquals(new RelayLeases.Lease(true, 40), leases.acquire("kafka:t", "b", T0.plusSeconds(20), term, 0),
                "expired: b takes it over where a left off");
        assertFalse(leases.advance("kafka:t", "a", 50), "a lost it");
        assertEquals(new RelayLeases.Lease(true, 0), leases.acquire("kafka:other", "a", T0, term, 0),
                "each destination has a lease and a position of its own");
    }

    @Test
    void aReleasedLeaseIsTakenAtOnce() {
        JooqRelayLeases leases = new JooqRelayLeases(database.dsl());
        leases.acquire("kafka:t", "a", T0, Duration.ofSeconds(10), 0);
        leases.release("kafka:t", "b");
        assertFalse(leases.acquire("kafka:t", "b", T0, Duration.ofSeconds(10), 0).held(), "only its holder frees it");

        leases.release("kafka:t", "a");

        assertTrue(leases.acquire("kafka:t", "b", T0, Duration.ofSeconds(10), 0).held());
    }
}
