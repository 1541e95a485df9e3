package com.anchorhealth.adapter.persistence;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Identity;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.TableRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** INSERT statements of many rows each: one round trip for many rows, whatever the driver does with batches. */
final class MultiRowInsert {
    /** Rows per statement: far below MySQL's packet limit and H2's parameter limit. */
    static final int ROWS_PER_STATEMENT = 500;

    private MultiRowInsert() {
    }

    static <R extends TableRecord<R>> void insert(DSLContext dsl, Table<R> table, List<R> rows) {
        statements(dsl, table, rows).forEach(statement -> StoreErrors.translating(statement::execute));
    }

    /**
     * The statements that insert these rows, for a caller that sends them with others in one batch. A
     * column the database numbers itself is left to it.
     */
    static <R extends TableRecord<R>> List<Query> statements(DSLContext dsl, Table<R> table, List<R> rows) {
        Identity<R, ?> identity = table.getIdentity();
        Field<?>[] columns = Arrays.stream(table.fields())
                .filter(field -> identity == null || !field.equals(identity.getField()))
                .toArray(Field<?>[]::new);
        List<Query> statements = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<R> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            statements.add(dsl.insertInto(table).columns(columns).valuesOfRecords(identity == null ? chunk
                    : chunk.stream().map(row -> row.into(columns)).toList()));
        }
        return statements;
    }
}
