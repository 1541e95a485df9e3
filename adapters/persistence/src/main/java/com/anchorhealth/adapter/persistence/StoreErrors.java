package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.error.StoreConflictException;
import com.anchorhealth.application.error.StoreTimeoutException;
import com.anchorhealth.application.error.StoreUnavailableException;
import org.jooq.exception.DataAccessException;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.function.Supplier;

/** Turns database failures into the application's terms, in one place. */
final class StoreErrors {
    private static final int MYSQL_DUPLICATE_KEY = 1062;
    private static final int MYSQL_DUPLICATE_KEY_WITH_NAME = 1586;
    private static final int MYSQL_DEADLOCK = 1213;
    private static final int MYSQL_LOCK_WAIT_TIMEOUT = 1205;
    /** MySQL 8's answer to a lock taken with NOWAIT that another transaction holds (MariaDB answers 1205). */
    private static final int MYSQL_LOCK_NOWAIT = 3572;
    /** Standard SQLState of a unique violation (H2); MySQL reports every integrity error as 23000. */
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int H2_LOCK_TIMEOUT = 50200;
    /** A statement cancelled by its query timeout: MySQL/MariaDB, and H2. */
    private static final String QUERY_INTERRUPTED = "70100";
    private static final String H2_STATEMENT_CANCELED = "57014";
    /** A Galera node that is not synced, or is cut off from the majority: "WSREP has not yet prepared node". */
    private static final int WSREP_NOT_READY = 1047;
    /** A node started --read-only refuses writes. */
    private static final int READ_ONLY_SERVER = 1290;
    /** Connector/J's own refusal on a connection marked read-only (after a fail-over with failOverReadOnly). */
    private static final String READ_ONLY_CONNECTION = "Connection is read-only";

    private StoreErrors() {
    }

    static <T> T translating(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw translate(e);
        }
    }

    static void translating(Runnable work) {
        translating(() -> {
            work.run();
            return null;
        });
    }

    static RuntimeException translate(DataAccessException error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            // H2 reports a lock it gave up waiting for as a timeout too, but the statement was not cancelled.
            if (cause instanceof SQLException sql && sql.getErrorCode() == H2_LOCK_TIMEOUT) {
                return new StoreConflictException("the transaction lost a lock conflict", error);
            }
            if (cause instanceof SQLTimeoutException || cause instanceof SQLException sql
                    && (QUERY_INTERRUPTED.equals(sql.getSQLState()) || H2_STATEMENT_CANCELED.equals(sql.getSQLState()))) {
                return new StoreTimeoutException("a statement outlived the call's deadline and was cancelled", error);
            }
            if (cause instanceof SQLTransientConnectionException) {
                return new StoreUnavailableException("no database connection could be had in time", error);
            }
            if (cause instanceof SQLException sql && (sql.getErrorCode() == WSREP_NOT_READY
                    || sql.getErrorCode() == READ_ONLY_SERVER || String.valueOf(sql.getMessage())
                    .startsWith(READ_ONLY_CONNECTION))) {
                return new StoreUnavailableException("the database node refused the work (not synced, cut off "
                        + "from its cluster, or read-only)", error, true);
            }
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("08")) {
                    return new StoreUnavailableException("the connection to the database failed", error, true);
                }
                // Only a taken unique key is a race to retry; a NOT NULL or foreign-key violation is a bug.
                if (state.equals(UNIQUE_VIOLATION) || sql.getErrorCode() == MYSQL_DUPLICATE_KEY
                        || sql.getErrorCode() == MYSQL_DUPLICATE_KEY_WITH_NAME) {
                    return new StoreConflictException("a unique key was taken concurrently", error);
                }
                if (state.equals("40001") || sql.getErrorCode() == MYSQL_DEADLOCK
                        || sql.getErrorCode() == MYSQL_LOCK_WAIT_TIMEOUT || sql.getErrorCode() == MYSQL_LOCK_NOWAIT) {
                    return new StoreConflictException("the transaction lost a lock conflict", error);
                }
            }
        }
        return error;
    }
}
