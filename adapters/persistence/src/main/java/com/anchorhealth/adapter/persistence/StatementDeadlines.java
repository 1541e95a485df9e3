package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.call.Deadline;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;

import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Gives every statement of a transaction the time left before its caller's deadline, so a lock held
 * elsewhere or a slow query cannot outlast the call: the driver cancels the statement (KILL QUERY on
 * MariaDB) and the transaction rolls back. JDBC counts whole seconds: a statement gets at least one.
 */
final class StatementDeadlines implements ExecuteListener {
    private static final ThreadLocal<Deadline> DEADLINE = new ThreadLocal<>();

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
                apply(context.statement());
            } catch (SQLException e) {
                throw new IllegalStateException("the driver refused a statement timeout", e);
            }
        }
    }

    /** Gives a statement made outside jOOQ the time left, as every jOOQ statement gets. */
    static void apply(Statement statement) throws SQLException {
        Deadline deadline = DEADLINE.get();
        if (deadline != null) {
            long left = deadline.remaining().toNanos();
            statement.setQueryTimeout((int) Math.max(1,
                    TimeUnit.NANOSECONDS.toSeconds(left + TimeUnit.SECONDS.toNanos(1) - 1)));
        }
    }
}
