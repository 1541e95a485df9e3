package com.anchorhealth.adapter.persistence;

import org.jooq.tools.jdbc.DefaultConnection;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A transaction's connection that knows when its last write committed in its own round trip
 * ({@link JooqAnchorChanges#writeLast}): the transaction's commit then has nothing left to do, and is
 * not sent. The driver would send it anyway (it does not follow the server's transaction state: a
 * multi-statement that fails half-way leaves a transaction open that it has not seen begin), a round
 * trip and a statement for MariaDB to parse per group, for nothing.
 */
final class CommittedByWrite extends DefaultConnection {
    private boolean committed;

    CommittedByWrite(Connection delegate) {
        super(delegate);
    }

    /** Marks the transaction of {@code connection} as committed by the statement just executed on it. */
    static void mark(Connection connection) throws SQLException {
        if (connection.isWrapperFor(CommittedByWrite.class)) {
            connection.unwrap(CommittedByWrite.class).committed = true;
        }
    }

    @Override
    public void commit() throws SQLException {
        if (committed) {
            committed = false;
            return;
        }
        super.commit();
    }

    @Override
    public void rollback() throws SQLException {
        committed = false;
        super.rollback();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        return type.isInstance(this) ? type.cast(this) : super.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || super.isWrapperFor(type);
    }
}
