package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.feed.StandingChange;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Rows inserted with their feed positions, many to a statement: a row that carries a change is placed
 * from the feed's counter, which an earlier statement of the transaction moved past the transaction's
 * changes ({@link FeedSources#counterMove}), that many places below its new value as changes follow it
 * in the transaction; a row that carries none gets no position.
 */
final class PositionedInsert<R extends TableRecord<R>> {
    private final Table<R> table;
    private final Field<Long> position;
    private final List<R> rows;
    private final List<Integer> following;
    private final List<Field<?>> columns;
    /** The columns' places in the table's records: a record's value by field is a search of its fields. */
    private final int[] places;

    /** {@code following}: for each row, how many of the transaction's changes follow its own, or null for none. */
    private PositionedInsert(Table<R> table, Field<Long> position, List<R> rows, List<Integer> following) {
        this.table = table;
        this.position = position;
        this.rows = rows;
        this.following = following;
        this.columns = Arrays.stream(table.fields()).filter(field -> !field.equals(position)).toList();
        this.places = columns.stream().mapToInt(table::indexOf).toArray();
    }

    /**
     * The rows, each keeping the change placed under its key, if any: {@code keep} checks that the
     * change is the row's and sets it on the row.
     */
    static <R extends TableRecord<R>> PositionedInsert<R> keeping(Table<R> table, Field<Long> position, List<R> rows,
                                                                  Function<R, String> key,
                                                                  Map<String, FeedSources.Placed> changes,
                                                                  BiConsumer<R, StandingChange> keep) {
        List<Integer> following = new ArrayList<>(rows.size());
        for (R row : rows) {
            FeedSources.Placed placed = changes.get(key.apply(row));
            if (placed != null) {
                keep.accept(row, placed.change());
            }
            following.add(placed == null ? null : placed.following());
        }
        return new PositionedInsert<>(table, position, rows, following);
    }

    /** How many of the rows keep a change. */
    int kept() {
        return (int) following.stream().filter(Objects::nonNull).count();
    }

    /** {@code counter}: the feed's counter after the transaction's move ({@link FeedSources#movedCounter}). */
    List<RowWrite.Bound> bound(String counter) {
        String head = "INSERT INTO " + table.getName() + " (" + String.join(", ", columns.stream()
                .map(Field::getName).toList()) + ", " + position.getName() + ") VALUES ";
        // The counter less NULL is NULL: a row without a change is inserted by the same statement. Rows
        // of which none keeps a change do not read the counter: the read would lock its row (shared)
        // before the transaction moves it, and two such transactions would deadlock on the move.
        String position = kept() == 0 ? "?" : counter + " - ?";
        String row = "(" + "?, ".repeat(columns.size()) + position + ")";
        List<RowWrite.Bound> statements = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += MultiRowInsert.ROWS_PER_STATEMENT) {
            int to = Math.min(rows.size(), from + MultiRowInsert.ROWS_PER_STATEMENT);
            List<Object> values = new ArrayList<>((to - from) * (columns.size() + 1));
            for (int i = from; i < to; i++) {
                R record = rows.get(i);
                for (int place : places) {
                    values.add(record.get(place));
                }
                values.add(following.get(i));
            }
            statements.add(new RowWrite.Bound(head + String.join(", ", Collections.nCopies(to - from, row)), values));
        }
        return statements;
    }
}
