package com.anchorhealth.adapter.persistence;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One migration at a time across a Galera cluster. Flyway's lock on MariaDB with wsrep on is a row lock
 * on its history table, which stays on the node that takes it: instances starting at once through
 * different nodes would each apply the same migration, and all but one fail half-way. This lock is a
 * row every node sees: inserting it succeeds on one node only (the others meet the key, or lose the
 * certification of their insert); its holder renews it while it migrates and deletes it after, and a
 * holder that died leaves it to expire. Its table has only numbers, so that it needs no collation, and
 * it is there on clusters only (a single server's Flyway lock, GET_LOCK, is enough).
 */
final class ClusterMigrationLock {
    private static final Logger LOG = Logger.getLogger(ClusterMigrationLock.class.getName());
    static final String TABLE = "anchor_health_migration_lock";
    static final Duration TERM = Duration.ofSeconds(30);
    private static final Duration RENEWAL = Duration.ofSeconds(5);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final String NOW_MILLIS = "CAST(UNIX_TIMESTAMP(NOW(3)) * 1000 AS SIGNED)";

    private final DataSource dataSource;
    private final long holder = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE);

    ClusterMigrationLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether the schema holds this lock's table and nothing else: no history, no table of the service's. */
    boolean isAloneInSchema() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM information_schema.TABLES"
                     + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME <> '" + TABLE + "'")) {
            return rows.next() && rows.getLong(1) == 0;
        } catch (SQLException e) {
            // Flyway meets the same trouble, and reports it.
            return false;
        }
    }

    /** Runs {@code migration} holding the lock, waiting for another instance's migration to end first. */
    void holding(Runnable migration) throws SQLException, InterruptedException {
        createTable();
        acquire();
        ScheduledExecutorService renewals = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "migration-lock-renewal");
            thread.setDaemon(true);
            return thread;
        });
        try {
            renewals.scheduleWithFixedDelay(this::renew, RENEWAL.toMillis(), RENEWAL.toMillis(),
                    TimeUnit.MILLISECONDS);
            migration.run();
        } finally {
            renewals.shutdownNow();
            release();
        }
    }

    private void createTable() throws SQLException {
        // DDL runs on every node at once, in the cluster's order; IF NOT EXISTS makes the others' a no-op.
        update("CREATE TABLE IF NOT EXISTS " + TABLE + " (id TINYINT NOT NULL PRIMARY KEY, holder BIGINT NOT NULL,"
                + " expires_at BIGINT NOT NULL)");
    }

    private void acquire() throws SQLException, InterruptedException {
        boolean told = false;
        while (!tryInsert()) {
            if (update("DELETE FROM " + TABLE + " WHERE id = 1 AND expires_at < " + NOW_MILLIS) == 1) {
                LOG.warning("the cluster's migration lock had expired (its holder stopped while migrating): taken over");
                continue;
            }
            if (!told) {
                LOG.info("another instance is migrating the schema on the cluster: waiting for it");
                told = true;
            }
            Thread.sleep(POLL.toMillis());
        }
    }

    private boolean tryInsert() throws SQLException {
        try {
            return update("INSERT INTO " + TABLE + " (id, holder, expires_at) VALUES (1, " + holder + ", "
                    + NOW_MILLIS + " + " + TERM.toMillis() + ")") == 1;
        } catch (SQLException e) {
            if (isTakenElsewhere(e)) {
                return false;
            }
            throw e;
        }
    }

    /** The row is there already (1062), or another node's insert of it certified first (1213). */
    private static boolean isTakenElsewhere(SQLException e) {
        return e.getErrorCode() == 1062 || e.getErrorCode() == 1213;
    }

    private void renew() {
        try {
            update("UPDATE " + TABLE + " SET expires_at = " + NOW_MILLIS + " + " + TERM.toMillis()
                    + " WHERE id = 1 AND holder = " + holder);
        } catch (SQLException e) {
            // The next renewal tries again; a holder cut off for a whole term loses the lock, as a dead one would.
        }
    }

    /** Best effort: a lock left behind (the database went away) expires within a term. */
    private void release() {
        try {
            update("DELETE FROM " + TABLE + " WHERE id = 1 AND holder = " + holder);
        } catch (SQLException e) {
            LOG.warning("the cluster's migration lock could not be released (it expires within " + TERM.toSeconds()
                    + " s): " + e.getMessage());
        }
    }

    private int update(String sql) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            return statement.executeUpdate();
        }
    }
}
