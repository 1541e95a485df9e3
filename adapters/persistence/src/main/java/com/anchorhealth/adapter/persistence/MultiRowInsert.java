package com.anchorhealth.adapter.persistence;

import org.jooq.DSLContext;
import org.jooq.InsertSetMoreStep;
import org.jooq.Table;
import org.jooq.TableRecord;

import java.util.List;

/** One INSERT statement for many rows: one round trip, whatever the driver does with batches. */
final class MultiRowInsert {
    /** Rows per statement: far below MySQL's packet limit and H2's parameter limit. */
    static final int ROWS_PER_STATEMENT = 500;

    private MultiRowInsert() {
    }

    static <R extends TableRecord<R>> void insert(DSLContext dsl, Table<R> table, List<R> rows) {
        for (int from = 0; from < rows.size(); from += ROWS_PER_STATEMENT) {
            List<R> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_STATEMENT));
            InsertSetMoreStep<R> statement = dsl.insertInto(table).set(chunk.get(0));
            for (R row : chunk.subList(1, chunk.size())) {
                statement = statement.newRecord().set(row);
            }
            InsertSetMoreStep<R> complete = statement;
            StoreErrors.translating(complete::execute);
        }
    }
}
