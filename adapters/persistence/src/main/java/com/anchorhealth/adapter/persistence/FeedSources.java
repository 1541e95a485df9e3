package com.anchorhealth.adapter.persistence;

import com.anchorhealth.adapter.persistence.jooq.tables.records.ChangeFeedsRecord;
import com.anchorhealth.adapter.persistence.jooq.tables.records.ScoreEventsRecord;
import com.anchorhealth.adapter.persistence.jooq.tables.records.StandingChangesRecord;
import com.anchorhealth.adapter.persistence.jooq.tables.records.ViolationsRecord;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.port.out.feed.FeedBounds;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.SortField;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static com.anchorhealth.adapter.persistence.jooq.Tables.CHANGE_FEEDS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.SCORE_EVENTS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.STANDING_CHANGES;
import static com.anchorhealth.adapter.persistence.jooq.Tables.VIOLATIONS;

/**
 * Where the changes of the feed are kept: each on the row that records it (a violation's on the
 * violation, any other on its ledger entry, V21), and those written before that in the former outbox,
 * {@code standing_changes}, until pruned. Every source has a unique index on its feed position; a
 * read of the feed reads each through it and merges them.
 */
final class FeedSources {
    /** The feed's counter, as a subquery: a row's position is its value after the transaction's move, less an offset. */
    private static final String COUNTER = "(SELECT " + CHANGE_FEEDS.LAST_POSITION.getName() + " FROM "
            + CHANGE_FEEDS.getName() + " WHERE " + CHANGE_FEEDS.FEED_NAME.getName() + " = '" + JooqStandingFeed.FEED + "')";
    /**
     * On MySQL/MariaDB, the counter's value once the transaction has moved it: the move sets it as the
     * connection's last insert id ({@code LAST_INSERT_ID(expr)}, MySQL's own way to keep a sequence in a
     * row). None of the tables a group writes after the move numbers its rows itself, which would
     * replace it.
     */
    private static final String MOVED_COUNTER = "LAST_INSERT_ID()";

    /**
     * The columns that make a violation's change, and a ledger entry's: a read of the feed leaves the
     * rest of the row (evidence, facts) where it is.
     */
    private static final List<Field<?>> CHANGE_ON_VIOLATION = List.of(VIOLATIONS.FEED_POSITION,
            VIOLATIONS.VIOLATION_ID, VIOLATIONS.ANCHOR_ID, VIOLATIONS.LEDGER_SEQ, VIOLATIONS.OLD_SCORE,
            VIOLATIONS.SCORE_AFTER, VIOLATIONS.OLD_TIER, VIOLATIONS.NEW_TIER, VIOLATIONS.DENIED_CAPABILITIES,
            VIOLATIONS.RECORDED_AT);
    private static final List<Field<?>> CHANGE_ON_ENTRY = List.of(SCORE_EVENTS.FEED_POSITION, SCORE_EVENTS.CHANGE_ID,
            SCORE_EVENTS.ANCHOR_ID, SCORE_EVENTS.SEQ, SCORE_EVENTS.OLD_SCORE, SCORE_EVENTS.SCORE_AFTER,
            SCORE_EVENTS.OLD_TIER, SCORE_EVENTS.NEW_TIER, SCORE_EVENTS.DENIED_CAPABILITIES, SCORE_EVENTS.CAUSE,
            SCORE_EVENTS.VIOLATION_ID, SCORE_EVENTS.RECORDED_AT);

    private final DSLContext dsl;

    FeedSources(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Moves the feed's counter past {@code count} changes; its row stays locked until the commit. On
     * MySQL/MariaDB the move keeps the new value for the positioned rows to read ({@link #movedCounter}),
     * in the same statement: the counter's subquery in every row cost MariaDB a sixth of its CPU per
     * violation, and a statement of its own that read it once cost one more statement a group.
     */
    static RowWrite.Bound counterMove(int count, SQLDialect dialect) {
        String moved = CHANGE_FEEDS.LAST_POSITION.getName() + " + ?";
        return new RowWrite.Bound("UPDATE " + CHANGE_FEEDS.getName() + " SET " + CHANGE_FEEDS.LAST_POSITION.getName()
                + " = " + (Database.runsStatementsAsOne(dialect) ? "LAST_INSERT_ID(" + moved + ")" : moved) + " WHERE "
                + CHANGE_FEEDS.FEED_NAME.getName() + " = ?", List.of(count, JooqStandingFeed.FEED));
    }

    /** The counter's value after the transaction's move ({@link #counterMove}), as the rows placed from it read it. */
    static String movedCounter(SQLDialect dialect) {
        return Database.runsStatementsAsOne(dialect) ? MOVED_COUNTER : COUNTER;
    }

    /** Reads the counter's value after the transaction's move: the last position the transaction gave. */
    static RowWrite.Bound counterRead(SQLDialect dialect) {
        return new RowWrite.Bound("SELECT " + movedCounter(dialect), List.of());
    }

    /**
     * The transaction's changes at their positions, from the counter after its move: each that many
     * places below it as changes follow it, as {@link #placed} places their rows.
     */
    static List<PositionedChange> positioned(List<StandingChange> changes, long counter) {
        List<PositionedChange> positioned = new ArrayList<>(changes.size());
        for (int i = 0; i < changes.size(); i++) {
            positioned.add(new PositionedChange(counter - following(changes, i), changes.get(i)));
        }
        return positioned;
    }

    private static int following(List<StandingChange> changes, int index) {
        return changes.size() - 1 - index;
    }

    /** Keeps a violation's change on its row; the row's own columns hold the rest of it. */
    static void keep(ViolationsRecord row, StandingChange change) {
        requireRecordedBy(change, row.getAnchorId(), row.getLedgerSeq(), row.getScoreAfter(), row.getRecordedAt());
        row.setOldScore(change.oldScore());
        row.setOldTier(change.oldTier().name());
        row.setNewTier(change.newTier().name());
        row.setDeniedCapabilities(denied(change.deniedCapabilities()));
    }

    /** Keeps a change on the ledger entry that records it; the entry's own columns hold the rest of it. */
    static void keep(ScoreEventsRecord row, StandingChange change) {
        requireRecordedBy(change, row.getAnchorId(), row.getSeq(), row.getScoreAfter(), row.getRecordedAt());
        row.setChangeId(change.changeId());
        row.setCause(change.cause().name());
        row.setOldScore(change.oldScore());
        row.setOldTier(change.oldTier().name());
        row.setNewTier(change.newTier().name());
        row.setDeniedCapabilities(denied(change.deniedCapabilities()));
    }

    /** Whether the change is kept on a violation's row rather than on a ledger entry. */
    private static boolean onViolation(StandingChange change) {
        return change.cause() == ChangeCause.VIOLATION_RECORDED;
    }

    /** A change a transaction writes, and how many of its changes follow it in the feed. */
    record Placed(StandingChange change, int following) {
    }

    /**
     * The transaction's changes in feed order, by the row each is kept on: a violation's by its id,
     * any other by {@link #entryKey} of its ledger entry.
     */
    static Map<String, Placed> placed(List<StandingChange> changes, boolean onViolations) {
        Map<String, Placed> placed = new HashMap<>();
        for (int i = 0; i < changes.size(); i++) {
            StandingChange change = changes.get(i);
            if (onViolation(change) == onViolations) {
                placed.put(onViolations ? change.changeId() : entryKey(change.anchorId().value(), change.anchorSequence()),
                        new Placed(change, following(changes, i)));
            }
        }
        return placed;
    }

    static String entryKey(String anchorId, int sequence) {
        return anchorId + "#" + sequence;
    }

    /**
     * Refuses to keep a change on a row that says otherwise of the fields the row holds for both:
     * the feed reads them back from the row.
     */
    private static void requireRecordedBy(StandingChange change, String anchorId, int sequence, Integer scoreAfter,
                                          long recordedAt) {
        if (!change.anchorId().value().equals(anchorId) || change.anchorSequence() != sequence
                || scoreAfter == null || change.newScore() != scoreAfter
                || Times.toMillis(change.createdAt()) != recordedAt) {
            throw new IllegalStateException("change " + change.changeId() + " is not the one its row records");
        }
    }

    /**
     * Up to {@code limit} positioned changes, each source's matching its condition (on the former
     * outbox, on violations, on ledger entries), merged in feed order or, {@code newestFirst}, the reverse.
     */
    List<PositionedChange> read(Condition legacy, Condition violations, Condition entries, int limit,
                                boolean newestFirst) {
        List<PositionedChange> merged = new ArrayList<>();
        merged.addAll(dsl.selectFrom(STANDING_CHANGES)
                .where(STANDING_CHANGES.FEED_POSITION.isNotNull().and(legacy))
                .orderBy(order(STANDING_CHANGES.FEED_POSITION, newestFirst)).limit(limit)
                .fetch(row -> new PositionedChange(row.getFeedPosition(), fromOutbox(row))));
        merged.addAll(dsl.select(CHANGE_ON_VIOLATION).from(VIOLATIONS)
                .where(VIOLATIONS.FEED_POSITION.isNotNull().and(violations))
                .orderBy(order(VIOLATIONS.FEED_POSITION, newestFirst)).limit(limit)
                .fetch(row -> new PositionedChange(row.get(VIOLATIONS.FEED_POSITION), fromViolation(row))));
        merged.addAll(dsl.select(CHANGE_ON_ENTRY).from(SCORE_EVENTS)
                .where(SCORE_EVENTS.FEED_POSITION.isNotNull().and(entries))
                .orderBy(order(SCORE_EVENTS.FEED_POSITION, newestFirst)).limit(limit)
                .fetch(row -> new PositionedChange(row.get(SCORE_EVENTS.FEED_POSITION), fromEntry(row))));
        Comparator<PositionedChange> inFeedOrder = Comparator.comparingLong(PositionedChange::position);
        merged.sort(newestFirst ? inFeedOrder.reversed() : inFeedOrder);
        return merged.subList(0, Math.min(limit, merged.size()));
    }

    /** The feed's bounds: the positions pruned through, and the last position its counter gave. */
    FeedBounds bounds() {
        ChangeFeedsRecord feed = dsl.selectFrom(CHANGE_FEEDS).where(CHANGE_FEEDS.FEED_NAME.eq(JooqStandingFeed.FEED))
                .fetchSingle();
        return new FeedBounds(feed.getPrunedThrough(), feed.getLastPosition());
    }

    /** The same condition on the feed position of each source. */
    List<PositionedChange> readWherePosition(Function<Field<Long>, Condition> condition, int limit,
                                             boolean newestFirst) {
        return read(condition.apply(STANDING_CHANGES.FEED_POSITION), condition.apply(VIOLATIONS.FEED_POSITION),
                condition.apply(SCORE_EVENTS.FEED_POSITION), limit, newestFirst);
    }

    /**
     * The first position of a change created at or after {@code since}, found by bisecting the
     * positions the feed holds, since no source is indexed by time: positions and times grow
     * together, up to the clocks of the writers, so a read from there that also asks for the time
     * misses nothing a clock did not misplace.
     */
    long firstPositionSince(Instant since) {
        FeedBounds feed = bounds();
        long low = feed.prunedThrough() + 1;
        long high = feed.lastPosition() + 1;
        // The first probe is the feed's start: a time before it needs no bisecting.
        long probe = low;
        while (low < high) {
            long from = probe;
            List<PositionedChange> next = readWherePosition(position -> position.ge(from), 1, false);
            if (next.isEmpty() || !next.get(0).change().createdAt().isBefore(since)) {
                high = probe;
            } else {
                low = next.get(0).position() + 1;
            }
            probe = low + (high - low) / 2;
        }
        return low;
    }

    private static SortField<Long> order(Field<Long> position, boolean newestFirst) {
        return newestFirst ? position.desc() : position.asc();
    }

    private static StandingChange fromOutbox(StandingChangesRecord row) {
        return new StandingChange(row.getChangeId(), new AnchorId(row.getAnchorId()), row.getAnchorSeq(),
                row.getOldScore(), row.getNewScore(), Tier.valueOf(row.getOldTier()), Tier.valueOf(row.getNewTier()),
                capabilities(row.getDeniedCapabilities()), ChangeCause.valueOf(row.getCause()),
                Optional.ofNullable(row.getViolationId()), Times.fromMillis(row.getCreatedAt()));
    }

    private static StandingChange fromViolation(Record row) {
        String violationId = row.get(VIOLATIONS.VIOLATION_ID);
        return new StandingChange(violationId, new AnchorId(row.get(VIOLATIONS.ANCHOR_ID)),
                row.get(VIOLATIONS.LEDGER_SEQ), row.get(VIOLATIONS.OLD_SCORE), row.get(VIOLATIONS.SCORE_AFTER),
                Tier.valueOf(row.get(VIOLATIONS.OLD_TIER)), Tier.valueOf(row.get(VIOLATIONS.NEW_TIER)),
                capabilities(row.get(VIOLATIONS.DENIED_CAPABILITIES)), ChangeCause.VIOLATION_RECORDED,
                Optional.of(violationId), Times.fromMillis(row.get(VIOLATIONS.RECORDED_AT)));
    }

    private static StandingChange fromEntry(Record row) {
        return new StandingChange(row.get(SCORE_EVENTS.CHANGE_ID), new AnchorId(row.get(SCORE_EVENTS.ANCHOR_ID)),
                row.get(SCORE_EVENTS.SEQ), row.get(SCORE_EVENTS.OLD_SCORE), row.get(SCORE_EVENTS.SCORE_AFTER),
                Tier.valueOf(row.get(SCORE_EVENTS.OLD_TIER)), Tier.valueOf(row.get(SCORE_EVENTS.NEW_TIER)),
                capabilities(row.get(SCORE_EVENTS.DENIED_CAPABILITIES)), ChangeCause.valueOf(row.get(SCORE_EVENTS.CAUSE)),
                Optional.ofNullable(row.get(SCORE_EVENTS.VIOLATION_ID)), Times.fromMillis(row.get(SCORE_EVENTS.RECORDED_AT)));
    }

    /** In enum order, so that equal sets are stored alike. */
    static String denied(Set<Capability> capabilities) {
        EnumSet<Capability> denied = EnumSet.noneOf(Capability.class);
        denied.addAll(capabilities);
        return denied.stream().map(Capability::name).collect(Collectors.joining(","));
    }

    private static Set<Capability> capabilities(String denied) {
        return denied.isEmpty() ? Set.of()
                : Arrays.stream(denied.split(",")).map(Capability::valueOf).collect(Collectors.toSet());
    }
}
