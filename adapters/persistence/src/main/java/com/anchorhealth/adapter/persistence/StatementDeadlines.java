package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.call.Deadline;
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
 * MariaDB) and the transaction rolls back. A statement outside a transaction (a read) gets the read
 * timeout instead, so no read holds a connection and a handler thread for longer. JDBC counts whole
 * seconds: a statement gets at least one.
 */
final class StatementDeadlines implements ExecuteListener {
    private static final ThreadLocal<Deadline> DEADLINE = new ThreadLocal<>();

    private final int readTimeoutSeconds;

    StatementDeadlines(Duration readTimeout) {
        this.readTimeoutSeconds = wholeSeconds(readTimeout.toNanos());
    }

    static <T> T within(Deadline deadline, Supplier<T> work) {
        Deadline outer = DEADLINE.get();
        DEADLINE.set(deadline);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                DEADLINE.remove();
            } else {
                DEADLINE.set(outer);
            }
        }
    }

    @Override
    public void prepareEnd(ExecuteContext context) {
        if (context.statement() != null) {
            try {
                if (DEADLINE.get() == null) {
                    context.statement().setQueryTimeout(readTimeoutSeconds);
                } else {
                    apply(context.statement());
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the driver refused a statement timeout", e);
            }
        }
    }

    /** Gives a statement made outside jOOQ the time left, as every jOOQ statement gets. */
    static void apply(Statement statement) throws SQLException {
        Deadline deadline = DEADLINE.get();
        if (deadline != null) {
            statement.setQueryTimeout(wholeSeconds(deadline.remaining().toNanos()));
        }
    }

    /** Rounded up, and at least one: 0 would mean no timeout at all. */
    private static int wholeSeconds(long nanos) {
        return (int) Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos + TimeUnit.SECONDS.toNanos(1) - 1));
    }
}
