package com.anchorhealth.adapter.persistence;

import org.jooq.DSLContext;
import org.jooq.Query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.OptionalLong;

/**
 * Rows written to one table, sent one of two ways: as jOOQ statements, for a write of its own; or, in
 * a group's write, as SQL with placeholders and the values for them, which on MySQL/MariaDB go in one
 * round trip with the values written in, and elsewhere as prepared statements.
 */
interface RowWrite {
    /** jOOQ statements with the values inlined. */
    List<Query> statements(DSLContext dsl);

    /** The same rows as SQL with placeholders and the values bound to them, in order. */
    List<Bound> bound();

    /** A statement with {@code ?} placeholders and its values. */
    record Bound(String sql, List<Object> values) {
    }

    /**
     * Executes the statements within the call's deadline: as one multi-statement round trip with their
     * values written in ({@link SqlLiterals}) when {@code asOne} (the connection allows it), else one
     * by one as prepared statements. Either way the first that fails stops the rest and throws.
     * Returns the value the last query among them read (the first column of its first row), if one did.
     */
    static OptionalLong execute(Connection connection, List<Bound> statements, boolean asOne) throws SQLException {
        if (asOne) {
            try (Statement statement = connection.createStatement()) {
                StatementDeadlines.apply(statement);
                return readAll(statement, statement.execute(SqlLiterals.inline(statements)), OptionalLong.empty());
            }
        }
        OptionalLong read = OptionalLong.empty();
        for (Bound bound : statements) {
            try (PreparedStatement statement = connection.prepareStatement(bound.sql())) {
                StatementDeadlines.apply(statement);
                for (int i = 0; i < bound.values().size(); i++) {
                    bind(statement, i + 1, bound.values().get(i));
                }
                read = readAll(statement, statement.execute(), read);
            }
        }
        return read;
    }

    /**
     * Every result of a multi-statement is read, so that an error in any surfaces here. Returns what
     * the last query among them read, or {@code read} if none was a query.
     */
    private static OptionalLong readAll(Statement statement, boolean rows, OptionalLong read) throws SQLException {
        for (; rows || statement.getUpdateCount() != -1; rows = statement.getMoreResults()) {
            if (rows) {
                try (ResultSet result = statement.getResultSet()) {
                    read = result.next() ? OptionalLong.of(result.getLong(1)) : OptionalLong.empty();
                }
            }
        }
        return read;
    }

    /**
     * The typed setter of the value's class: the MySQL driver's {@code setObject} first looks the
     * value's class up in its type tables, for every value of every row a group writes.
     */
    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof String text) {
            statement.setString(index, text);
        } else if (value instanceof Long number) {
            statement.setLong(index, number);
        } else if (value instanceof Integer number) {
            statement.setInt(index, number);
        } else if (value instanceof Boolean flag) {
            statement.setBoolean(index, flag);
        } else {
            statement.setObject(index, value);
        }
    }
}
