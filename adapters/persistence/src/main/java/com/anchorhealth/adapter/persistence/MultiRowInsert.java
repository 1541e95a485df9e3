package com.anchorhealth.adapter.persistence;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Identity;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.TableRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * INSERT statements of many rows each: one round trip for many rows, whatever the driver does with
 * batches. A column the database numbers itself is left to it.
 */
final class MultiRowInsert<R extends TableRecord<R>> implements RowWrite {
    /** Rows per statement: far below MySQL's packet limit and H2's parameter limit. */
    static final int ROWS_PER_STATEMENT = 500;

    private final Table<R> table;
    private final List<R> rows;
    private final Field<?>[] columns;
    /** The columns' places in the table's records: a record's value by field is a search of its fields. */
    private final int[] places;

    MultiRowInsert(Table<R> table, List<R> rows) {
        this.table = table;
        this.rows = rows;
        Identity<R, ?> identity = table.getIdentity();
        this.columns = Arrays.stream(table.fields())
                .filter(field -> identity == null || !field.equals(identity.getField()))
                .toArray(Field<?>[]::new);
        this.places = Arrays.stream(columns).mapToInt(table::indexOf).toArray();
    }

    static <R extends TableRecord<R>> void insert(DSLContext dsl, Table<R> table, List<R> rows) {
        new MultiRowInsert<>(table, rows).statements(dsl).forEach(statement -> StoreErrors.translating(statement::execute));
    }

    @Override
    public List<Query> statements(DSLContext dsl) {
        boolean allColumns = columns.length == table.fields().length;
        List<Query> statements = new ArrayList<>();
        for (List<R> chunk : chunks()) {
            statements.add(dsl.insertInto(table).columns(columns).valuesOfRecords(allColumns ? chunk
                    : chunk.stream().map(row -> row.into(columns)).toList()));
        }
        return statements;
    }

    @Override
    public List<Bound> bound() {
        String head = "INSERT INTO " + table.getName() + " (" + String.join(", ", Arrays.stream(columns)
                .map(Field::getName).toList()) + ") VALUES ";
        String row = "(" + String.join(", ", Collections.nCopies(columns.length, "?")) + ")";
        List<Bound> statements = new ArrayList<>();
        for (List<R> chunk : chunks()) {
            List<Object> values = new ArrayList<>(chunk.size() * columns.length);
            for (R record : chunk) {
                for (int place : places) {
                    values.add(record.get(place));
                }
            }
            statements.add(new Bound(head + String.join(", ", Collections.nCopies(chunk.size(), row)), values));
        }
        return statements;
    }

    private List<List<R>> chunks() {
        List<List<R>> chunks = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            chunks.add(rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT)));
        }
        return chunks;
    }
}
