package com.anchorhealth.adapter.persistence;

import org.jooq.DSLContext;
import org.jooq.Query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * Rows a group writes to one table, sent one of two ways: as statements with their values inlined,
 * which go with the group's other statements in one round trip; or as prepared statements with their
 * values bound, a round trip each but without rendering every value into SQL text, which is what a
 * large batch spends its CPU on.
 */
interface RowWrite {
    /** Statements with the values inlined, for a caller that sends them with others in one batch. */
    List<Query> statements(DSLContext dsl);

    /** Executes prepared statements with the values bound, within the call's deadline. */
    void executeBound(Connection connection) throws SQLException;

    /** One prepared statement of {@code sql}, its values bound in order. */
    static void executeBound(Connection connection, String sql, List<Object> values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            StatementDeadlines.apply(statement);
            for (int i = 0; i < values.size(); i++) {
                statement.setObject(i + 1, values.get(i));
            }
            statement.executeUpdate();
        }
    }
}
