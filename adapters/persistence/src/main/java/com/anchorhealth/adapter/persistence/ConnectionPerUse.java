package com.anchorhealth.adapter.persistence;

import org.jooq.ConnectionProvider;
import org.jooq.TransactionContext;
import org.jooq.TransactionListener;
import org.jooq.exception.DataAccessException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Hands a transaction a connection of the transactions' pool and a single statement one of the
 * statements' pool. jOOQ asks for a connection once, while a transaction begins (its statements then
 * share it); as a transaction listener this sees that moment on the thread.
 */
final class ConnectionPerUse implements ConnectionProvider, TransactionListener {
    private static final ThreadLocal<Boolean> BEGINNING = ThreadLocal.withInitial(() -> false);

    private final DataSource statements;
    private final DataSource transactions;

    ConnectionPerUse(DataSource statements, DataSource transactions) {
        this.statements = statements;
        this.transactions = transactions;
    }

    @Override
    public void beginStart(TransactionContext context) {
        BEGINNING.set(true);
    }

    @Override
    public void beginEnd(TransactionContext context) {
        BEGINNING.set(false);
    }

    /** The mark is taken with the connection, so that a failed acquisition cannot leave it set. */
    @Override
    public Connection acquire() {
        boolean forTransaction = BEGINNING.get();
        BEGINNING.set(false);
        try {
            return (forTransaction ? transactions : statements).getConnection();
        } catch (SQLException e) {
            throw new DataAccessException("no database connection", e);
        }
    }

    @Override
    public void release(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new DataAccessException("could not return a database connection", e);
        }
    }
}
