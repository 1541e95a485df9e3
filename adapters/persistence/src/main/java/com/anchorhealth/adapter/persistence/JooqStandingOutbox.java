package com.anchorhealth.adapter.persistence;

import com.anchorhealth.adapter.persistence.jooq.tables.records.StandingChangesRecord;
import com.anchorhealth.application.port.out.ChangeCause;
import com.anchorhealth.application.port.out.StandingChange;
import com.anchorhealth.application.port.out.StandingOutbox;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static com.anchorhealth.adapter.persistence.jooq.Tables.CHANGE_FEEDS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.STANDING_CHANGES;

/**
 * The outbox of standing changes, written and positioned by the transaction that made them. The
 * feed's counter is taken by the transaction's last statements, just before its commit: transactions
 * that write changes therefore commit in the order of their positions, so a reader that has seen
 * position p has seen every position below it, and the changes need no second write to be placed.
 */
public final class JooqStandingOutbox implements StandingOutbox {
    /** The changes appended in the running transaction, until {@link #appendingWithin} writes them. */
    private static final ThreadLocal<List<StandingChange>> APPENDED = new ThreadLocal<>();

    private final DSLContext dsl;

    public JooqStandingOutbox(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * Runs a transaction's work, then writes the changes it appended, positioned: last, so that the
     * feed's counter is held only from there to the commit. A nested call leaves them to the outer one.
     */
    static <T> T appendingWithin(DSLContext dsl, Supplier<T> work) {
        if (APPENDED.get() != null) {
            return work.get();
        }
        APPENDED.set(new ArrayList<>());
        try {
            T result = work.get();
            List<RowWrite.Bound> statements = new JooqStandingOutbox(dsl).positioned(APPENDED.get());
            if (!statements.isEmpty()) {
                StoreErrors.translating(() -> dsl.connection(connection -> RowWrite.execute(connection, statements,
                        Database.runsStatementsAsOne(dsl.dialect()))));
            }
            return result;
        } finally {
            APPENDED.remove();
        }
    }

    @Override
    public void append(StandingChange change) {
        List<StandingChange> appended = APPENDED.get();
        if (appended == null) {
            throw new IllegalStateException("a standing change is appended within a transaction, which positions it");
        }
        appended.add(change);
    }

    /**
     * The changes' rows, each positioned from the feed's counter, which the first statement moves past
     * them (and locks until the commit). Sent after every other write of the transaction.
     */
    List<RowWrite.Bound> positioned(List<StandingChange> changes) {
        return new PositionedRows(changes.stream().map(this::toRow).toList()).bound();
    }

    StandingChangesRecord toRow(StandingChange change) {
        StandingChangesRecord row = dsl.newRecord(STANDING_CHANGES);
        row.setChangeId(change.changeId());
        row.setAnchorId(change.anchorId().value());
        row.setAnchorSeq(change.anchorSequence());
        row.setOldScore(change.oldScore());
        row.setNewScore(change.newScore());
        row.setOldTier(change.oldTier().name());
        row.setNewTier(change.newTier().name());
        // In enum order, so equal sets are stored alike.
        EnumSet<Capability> denied = EnumSet.noneOf(Capability.class);
        denied.addAll(change.deniedCapabilities());
        row.setDeniedCapabilities(denied.stream().map(Capability::name).collect(Collectors.joining(",")));
        row.setCause(change.cause().name());
        row.setViolationId(change.violationId().orElse(null));
        row.setCreatedAt(Times.toMillis(change.createdAt()));
        return row;
    }

    @Override
    public List<StandingChange> changesOf(AnchorId anchorId) {
        return StoreErrors.translating(() -> dsl.selectFrom(STANDING_CHANGES)
                .where(STANDING_CHANGES.ANCHOR_ID.eq(anchorId.value()))
                .orderBy(STANDING_CHANGES.ANCHOR_SEQ)
                .fetch(JooqStandingOutbox::toChange));
    }

    @Override
    public List<StandingChange> tierDropsSince(Instant since, int limit) {
        // The tiers are stored by name: a drop is any pair of a tier and one below it.
        List<Condition> drops = new ArrayList<>();
        for (Tier from : Tier.values()) {
            for (Tier to = from.next(); to != null; to = to.next()) {
                drops.add(STANDING_CHANGES.OLD_TIER.eq(from.name()).and(STANDING_CHANGES.NEW_TIER.eq(to.name())));
            }
        }
        return StoreErrors.translating(() -> dsl.selectFrom(STANDING_CHANGES)
                .where(STANDING_CHANGES.CREATED_AT.ge(Times.toMillis(since)))
                .and(DSL.or(drops))
                .orderBy(STANDING_CHANGES.CREATED_AT.desc(), STANDING_CHANGES.CHANGE_ID.desc())
                .limit(limit)
                .fetch(JooqStandingOutbox::toChange));
    }

    /** Rows whose feed position is the counter's value after its move, less the rows that follow. */
    private static final class PositionedRows {
        private static final String COUNTER = "(SELECT " + CHANGE_FEEDS.LAST_POSITION.getName() + " FROM "
                + CHANGE_FEEDS.getName() + " WHERE " + CHANGE_FEEDS.FEED_NAME.getName() + " = '" + JooqStandingFeed.FEED + "')";
        private static final List<Field<?>> COLUMNS = Arrays.stream(STANDING_CHANGES.fields())
                .filter(field -> !field.equals(STANDING_CHANGES.FEED_POSITION)).toList();

        private final List<StandingChangesRecord> rows;

        PositionedRows(List<StandingChangesRecord> rows) {
            this.rows = rows;
        }

        List<RowWrite.Bound> bound() {
            if (rows.isEmpty()) {
                return List.of();
            }
            List<RowWrite.Bound> statements = new ArrayList<>();
            statements.add(new RowWrite.Bound("UPDATE " + CHANGE_FEEDS.getName() + " SET " + CHANGE_FEEDS.LAST_POSITION.getName()
                    + " = " + CHANGE_FEEDS.LAST_POSITION.getName() + " + ? WHERE " + CHANGE_FEEDS.FEED_NAME.getName()
                    + " = ?", List.of(rows.size(), JooqStandingFeed.FEED)));
            String head = "INSERT INTO " + STANDING_CHANGES.getName() + " (" + String.join(", ", COLUMNS.stream()
                    .map(Field::getName).toList()) + ", " + STANDING_CHANGES.FEED_POSITION.getName() + ") VALUES ";
            String row = "(" + "?, ".repeat(COLUMNS.size()) + COUNTER + " - ?)";
            for (int from = 0; from < rows.size(); from += MultiRowInsert.ROWS_PER_STATEMENT) {
                List<Object> values = new ArrayList<>();
                for (int i = from; i < chunkEnd(from); i++) {
                    values.addAll(valuesOf(rows.get(i)));
                    values.add(following(i));
                }
                statements.add(new RowWrite.Bound(head + String.join(", ", Collections.nCopies(chunkEnd(from) - from, row)),
                        values));
            }
            return statements;
        }

        private static List<Object> valuesOf(StandingChangesRecord row) {
            List<Object> values = new ArrayList<>(COLUMNS.size() + 1);
            COLUMNS.forEach(column -> values.add(row.get(column)));
            return values;
        }

        /** Rows after the {@code i}th: its position is that far below the counter's new value. */
        private int following(int i) {
            return rows.size() - 1 - i;
        }

        private int chunkEnd(int from) {
            return Math.min(rows.size(), from + MultiRowInsert.ROWS_PER_STATEMENT);
        }
    }

    static StandingChange toChange(StandingChangesRecord row) {
        Set<Capability> denied = row.getDeniedCapabilities().isEmpty() ? Set.of()
                : Arrays.stream(row.getDeniedCapabilities().split(",")).map(Capability::valueOf)
                        .collect(Collectors.toSet());
        return new StandingChange(row.getChangeId(), new AnchorId(row.getAnchorId()), row.getAnchorSeq(),
                row.getOldScore(), row.getNewScore(), Tier.valueOf(row.getOldTier()), Tier.valueOf(row.getNewTier()),
                denied, ChangeCause.valueOf(row.getCause()), Optional.ofNullable(row.getViolationId()),
                Times.fromMillis(row.getCreatedAt()));
    }
}
