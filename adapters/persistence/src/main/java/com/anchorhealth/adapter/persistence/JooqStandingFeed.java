package com.anchorhealth.adapter.persistence;

import com.anchorhealth.adapter.persistence.jooq.tables.records.ChangeFeedsRecord;
import com.anchorhealth.application.port.out.feed.FeedBounds;
import com.anchorhealth.application.port.out.feed.FeedPage;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.StandingFeed;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.anchorhealth.adapter.persistence.jooq.Tables.CHANGE_FEEDS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.STANDING_CHANGES;

/**
 * The changes kept on violations and ledger entries, and in the former outbox, read as one feed
 * ({@link FeedSources}). Writers position their changes as they commit them ({@link JooqAnchorChanges});
 * changes that a writer of a version before V17 left in the outbox without a position
 * (V5__change_feed.sql) are positioned here after their commit, under the same counter, until none is left.
 */
public final class JooqStandingFeed implements StandingFeed {
    static final String FEED = "standing_changes";
    /** Changes positioned per transaction, so that the feed's lock is held briefly. */
    static final int POSITIONING_BATCH = 1000;

    private record Unpositioned(String changeId, String anchorId, int anchorSequence) {
    }

    private record Round(int taken, long lastPosition) {
    }

    private final DSLContext dsl;
    private final FeedSources sources;

    public JooqStandingFeed(DSLContext dsl) {
        this.dsl = dsl;
        this.sources = new FeedSources(dsl);
    }

    @Override
    public long positionCommitted() {
        // Only changes written by an earlier version lack a position: a plain read spares every other
        // round the feed's lock.
        while (StoreErrors.translating(() -> dsl.fetchExists(STANDING_CHANGES, STANDING_CHANGES.FEED_POSITION.isNull()))) {
            Round round = StoreErrors.translating(() -> dsl.transactionResult(this::positionRound));
            if (round.taken() < POSITIONING_BATCH) {
                return round.lastPosition();
            }
        }
        return bounds().lastPosition();
    }

    private Round positionRound() {
        long last = lockFeed().getLastPosition();
        // A plain read under the lock sees every change committed so far; one committing later gets a
        // later position in a later round.
        List<String> anchorIds = dsl.select(STANDING_CHANGES.ANCHOR_ID).from(STANDING_CHANGES)
                .where(STANDING_CHANGES.FEED_POSITION.isNull())
                .orderBy(STANDING_CHANGES.CHANGE_ID)
                .limit(POSITIONING_BATCH)
                .fetch(STANDING_CHANGES.ANCHOR_ID);
        if (anchorIds.isEmpty()) {
            return new Round(0, last);
        }
        // Every unpositioned change of these anchors joins the round, so that the limit never
        // positions an anchor's later change before its earlier one.
        List<Unpositioned> changes = dsl.select(STANDING_CHANGES.CHANGE_ID, STANDING_CHANGES.ANCHOR_ID,
                        STANDING_CHANGES.ANCHOR_SEQ)
                .from(STANDING_CHANGES)
                .where(STANDING_CHANGES.FEED_POSITION.isNull().and(STANDING_CHANGES.ANCHOR_ID.in(Set.copyOf(anchorIds))))
                .orderBy(STANDING_CHANGES.CHANGE_ID)
                .fetch(row -> new Unpositioned(row.value1(), row.value2(), row.value3()));
        // One statement for the round, not one a change: each new position is above every position
        // given so far, so no row ever holds another's position, even halfway through it.
        Map<String, Long> positions = new LinkedHashMap<>();
        long position = last;
        for (Unpositioned change : inAnchorOrder(changes)) {
            positions.put(change.changeId(), ++position);
        }
        dsl.update(STANDING_CHANGES)
                .set(STANDING_CHANGES.FEED_POSITION, DSL.case_(STANDING_CHANGES.CHANGE_ID).mapValues(positions))
                .where(STANDING_CHANGES.CHANGE_ID.in(positions.keySet()))
                .execute();
        dsl.update(CHANGE_FEEDS).set(CHANGE_FEEDS.LAST_POSITION, position)
                .where(CHANGE_FEEDS.FEED_NAME.eq(FEED)).execute();
        return new Round(anchorIds.size(), position);
    }

    /**
     * The changes in id order (creation time, close to commit order), except that each anchor's
     * changes fill that anchor's places in sequence order: ids come from the writers' clocks, which
     * may disagree across servers, while an anchor's sequence is its true commit order.
     */
    private static List<Unpositioned> inAnchorOrder(List<Unpositioned> byId) {
        Map<String, Deque<Unpositioned>> bySequence = new HashMap<>();
        byId.stream().sorted(Comparator.comparingInt(Unpositioned::anchorSequence))
                .forEach(change -> bySequence.computeIfAbsent(change.anchorId(), id -> new ArrayDeque<>()).add(change));
        return byId.stream().map(change -> bySequence.get(change.anchorId()).removeFirst()).toList();
    }

    @Override
    public FeedPage readBetween(long after, long through, int limit) {
        return StoreErrors.translating(() -> {
            FeedBounds before = sources.bounds();
            // Pruned changes kept on violations and ledger entries are still there, but no longer in the feed.
            long from = Math.max(after, before.prunedThrough());
            // No further than the counter read first: the sources are read one statement each, and a
            // transaction committing between two of them may show its later positions while an earlier
            // one, committed just before, was missed; every position up to this counter had committed.
            long to = Math.min(through, before.lastPosition());
            List<PositionedChange> changes = sources.readWherePosition(feedPosition -> feedPosition.gt(from)
                    .and(feedPosition.le(to)), limit, false);
            // Read after the changes: a prune that took some of them shows here.
            return new FeedPage(changes, sources.bounds());
        });
    }

    @Override
    public FeedBounds bounds() {
        return StoreErrors.translating(sources::bounds);
    }


    /**
     * Moves the pruned bound past the oldest changes created before {@code cutoff}. Changes kept on
     * violations and ledger entries stay with them, part of the anchors' history; only the former
     * outbox's rows are deleted.
     */
    @Override
    public int pruneBefore(Instant cutoff, int max) {
        return StoreErrors.translating(() -> {
            long prunedThrough = sources.bounds().prunedThrough();
            long through = prunedThrough;
            int pruned = 0;
            // Only a run of old changes from the oldest on, so that the pruned bound means "everything
            // up to here is gone" and a change younger than the cutoff is never taken.
            for (PositionedChange change : sources.readWherePosition(position -> position.gt(prunedThrough), max, false)) {
                if (!change.change().createdAt().isBefore(cutoff)) {
                    break;
                }
                through = change.position();
                pruned++;
            }
            if (pruned == 0) {
                return 0;
            }
            // The bound moves first, in a statement of its own: a reader that misses a pruned change
            // then sees the bound that explains it, and the feed's counter, which every writer of
            // changes takes, is never held while rows are deleted.
            dsl.update(CHANGE_FEEDS).set(CHANGE_FEEDS.PRUNED_THROUGH, DSL.greatest(CHANGE_FEEDS.PRUNED_THROUGH, DSL.val(through)))
                    .where(CHANGE_FEEDS.FEED_NAME.eq(FEED)).execute();
            dsl.deleteFrom(STANDING_CHANGES).where(STANDING_CHANGES.FEED_POSITION.le(through)).execute();
            return pruned;
        });
    }

    /** Serializes the positioning of changes that a writer left unpositioned. */
    private ChangeFeedsRecord lockFeed() {
        return dsl.selectFrom(CHANGE_FEEDS).where(CHANGE_FEEDS.FEED_NAME.eq(FEED)).forUpdate().fetchSingle();
    }
}
