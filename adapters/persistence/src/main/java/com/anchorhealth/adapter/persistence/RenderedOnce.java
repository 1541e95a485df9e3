package com.anchorhealth.adapter.persistence;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.TableRecord;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Reads that every write makes, rendered by jOOQ once per shape (their tables and the length of
 * their lists) and then run as prepared statements with their values bound: rendering the query cost
 * the writer more CPU than running it. Each runs in the caller's transaction and deadline. One per
 * database, as the rendering depends on its dialect and settings.
 */
final class RenderedOnce {
    private final Map<String, String> sqlByShape = new ConcurrentHashMap<>();
    private final DSLContext dsl;

    RenderedOnce(DSLContext dsl) {
        this.dsl = dsl;
    }

    /**
     * The rows of {@code table} that {@code query} selects (every column, in the table's order), the
     * query rendered the first time {@code shape} is met; {@code values} are bound in their order.
     */
    <R extends TableRecord<R>> List<R> fetch(Table<R> table, String shape, Supplier<Query> query, List<?> values) {
        String sql = sqlByShape.computeIfAbsent(shape, key -> dsl.render(query.get()));
        return StoreErrors.translating(() -> dsl.connectionResult(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                StatementDeadlines.apply(statement);
                for (int i = 0; i < values.size(); i++) {
                    statement.setObject(i + 1, values.get(i));
                }
                try (ResultSet rows = statement.executeQuery()) {
                    return records(table, rows);
                }
            }
        }));
    }

    @SuppressWarnings("unchecked")
    private <R extends TableRecord<R>> List<R> records(Table<R> table, ResultSet rows)
            throws SQLException {
        Field<?>[] columns = table.fields();
        List<R> records = new ArrayList<>();
        while (rows.next()) {
            R record = dsl.newRecord(table);
            for (int i = 0; i < columns.length; i++) {
                record.set((Field<Object>) columns[i], rows.getObject(i + 1, columns[i].getType()));
            }
            record.changed(false);
            records.add(record);
        }
        return records;
    }
}
