package com.anchorhealth.adapter.persistence;

import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Gives every statement of a transaction the time left before its caller's deadline, so a lock held
 * elsewhere or a slow query cannot outlast the call: the driver cancels the statement (KILL QUERY on
 * MariaDB) and the transaction rolls back. JDBC counts whole seconds: a statement gets at least one.
 */
final class StatementDeadlines implements ExecuteListener {
    private static final ThreadLocal<Long> DEADLINE_NANOS = new ThreadLocal<>();

    static <T> T within(Duration timeout, Supplier<T> work) {
        Long outer = DEADLINE_NANOS.get();
        DEADLINE_NANOS.set(System.nanoTime() + timeout.toNanos());
        try {
            return work.get();
        } finally {
            if (outer == null) {
                DEADLINE_NANOS.remove();
            } else {
                DEADLINE_NANOS.set(outer);
            }
        }
    }

    @Override
    public void prepareEnd(ExecuteContext context) {
        if (context.statement() != null) {
            try {
                apply(context.statement());
            } catch (SQLException e) {
                throw new IllegalStateException("the driver refused a statement timeout", e);
            }
        }
    }

    /** Gives a statement made outside jOOQ the time left, as every jOOQ statement gets. */
    static void apply(Statement statement) throws SQLException {
        Long deadline = DEADLINE_NANOS.get();
        if (deadline != null) {
            long left = deadline - System.nanoTime();
            statement.setQueryTimeout((int) Math.max(1,
                    TimeUnit.NANOSECONDS.toSeconds(left + TimeUnit.SECONDS.toNanos(1) - 1)));
        }
    }
}
