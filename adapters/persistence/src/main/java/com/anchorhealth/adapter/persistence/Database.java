package com.anchorhealth.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.util.DriverDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationVersion;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.TransactionListener;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * The store: bounded connection pools, the schema migrated by Flyway, and a jOOQ context whose
 * transactions are bound to the calling thread, so that every port called inside
 * {@code Transactions.inTransaction} joins the transaction.
 */
public final class Database implements AutoCloseable {
    static final int START_CONNECT_RETRIES = 4;
    /** H2's "database may be already in use": another process holds the file's lock. */
    private static final int H2_DATABASE_ALREADY_OPEN = 90020;
    /** MySQL/MariaDB refusing the login: access denied to the user, to the database; no such database. */
    private static final Set<Integer> REFUSALS = Set.of(1044, 1045, 1049);

    private final HikariDataSource pool;
    private final HikariDataSource transactionPool;
    private final SQLDialect dialect;
    private final DSLContext dsl;
    private final String description;
    private final DatabaseSettings settings;

    public Database(DatabaseSettings settings) {
        this.settings = settings;
        this.dialect = dialectOf(settings.jdbcUrl());
        this.description = describe(settings.jdbcUrl(), dialect);
        this.pool = new HikariDataSource(poolConfig("anchor-health", true));
        this.transactionPool = new HikariDataSource(poolConfig("anchor-health-transactions", false));
        DefaultConfiguration jooq = new DefaultConfiguration();
        jooq.set(dialect);
        ConnectionPerUse connections = new ConnectionPerUse(pool, transactionPool);
        jooq.set(new ThreadLocalTransactionProvider(connections));
        jooq.set((TransactionListener) connections);
        jooq.set(new Settings().withExecuteLogging(false));
        jooq.set(new StatementDeadlines(settings.readTimeout()));
        this.dsl = DSL.using(jooq);
    }

    /**
     * Two pools alike but for autocommit: single statements run on connections that commit each,
     * transactions on connections that never switch it, which spares every transaction the two
     * round trips of turning autocommit off and on again.
     */
    private HikariConfig poolConfig(String name, boolean autoCommit) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setAutoCommit(autoCommit);
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis(), 2000));
        // Reads see every committed row (idempotency keys of concurrent calls); writers lock rows.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // Start even when the database is down; calls then fail fast with UNAVAILABLE.
        config.setInitializationFailTimeout(-1);
        String url = driverUrl(settings.jdbcUrl(), dialect);
        if (runsStatementsAsOne(dialect) && !autoCommit) {
            // A group's write commits in its own round trip (JooqAnchorChanges#writeLast).
            config.setDataSource(new CommitsSentInRoundTrips(new DriverDataSource(url, null, driverProperties(false),
                    settings.user(), settings.password())));
            return config;
        }
        config.setJdbcUrl(url);
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        if (dialect != SQLDialect.H2) {
            config.setDataSourceProperties(driverProperties(autoCommit));
        }
        return config;
    }

    private Properties driverProperties(boolean autoCommit) {
        Properties driver = new Properties();
        driver.setProperty("rewriteBatchedStatements", "true");
        // The driver remembers the session's autocommit and isolation, and skips resending them.
        driver.setProperty("useLocalSessionState", "true");
        driver.setProperty("cachePrepStmts", "true");
        // No statement uses JDBC escapes ({fn …}, {ts …}); scanning a batch's megabyte of SQL for
        // them took a tenth of a 1,000-violation batch's CPU.
        driver.setProperty("enableEscapeProcessing", "false");
        // Statements of one shape per number of rows (a group's locks, reads of a page of ids): the
        // driver keeps the parse of each, long ones included, instead of scanning the SQL every time.
        driver.setProperty("prepStmtCacheSize", "1000");
        driver.setProperty("prepStmtCacheSqlLimit", "65536");
        driver.setProperty("connectTimeout", String.valueOf(settings.connectionTimeout().toMillis()));
        if (!autoCommit) {
            // A group's writes go as one multi-statement round trip (runsStatementsAsOne), their
            // values written in as literals that cannot end early (SqlLiterals).
            driver.setProperty("allowMultiQueries", "true");
        }
        return driver;
    }

    /** Whether the transactions' connections take several statements in one round trip. */
    static boolean runsStatementsAsOne(SQLDialect dialect) {
        return dialect.family() != SQLDialect.H2;
    }

    /**
     * Brings the schema up to date; throws when the database cannot be reached. A start may wait
     * longer than a call: the first connection of a busy machine can take seconds. An embedded
     * database that another process has open is refused at once ({@link DatabaseInUseException}):
     * retrying cannot help while that process runs.
     */
    public void migrate() {
        migrateTo(MigrationVersion.LATEST);
    }

    /** {@link #migrate()}, up to {@code target} only: a test writes rows as an older version did. */
    void migrateTo(MigrationVersion target) {
        boolean comparisonChecked = dialect == SQLDialect.H2;
        if (dialect == SQLDialect.H2) {
            requireNotOpenElsewhere();
        } else {
            requireLoginAccepted();
            comparisonChecked = requireByteForByteComparison();
        }
        try {
            if (isGaleraCluster()) {
                ClusterMigrationLock lock = new ClusterMigrationLock(pool);
                lock.holding(() -> migrate(target, lock.isAloneInSchema()));
            } else {
                migrate(target, false);
            }
        } catch (FlywayException | SQLException e) {
            if (dialect != SQLDialect.H2 && !isReachable()) {
                throw new DatabaseUnreachableException(description + " cannot be reached: " + rootMessage(e));
            }
            throw e instanceof FlywayException flyway ? flyway
                    : new IllegalStateException("the cluster's migration lock failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the cluster's migration lock", e);
        }
        if (!comparisonChecked) {
            requireByteForByteComparison();
        }
    }

    /**
     * Flyway refuses a schema that holds tables but no history of its own, as a guard against migrating
     * someone else's database; a fresh database of a cluster holds the migration lock's table, and only
     * that, so there the history starts from a baseline at version 0, below every migration.
     */
    private void migrate(MigrationVersion target, boolean onlyTheClusterLockBefore) {
        Flyway.configure()
                .dataSource(pool)
                .connectRetries(START_CONNECT_RETRIES)
                .locations("classpath:db/migration")
                .target(target)
                .baselineOnMigrate(onlyTheClusterLockBefore)
                .baselineVersion("0")
                .baselineDescription("empty but for " + ClusterMigrationLock.TABLE)
                .load()
                .migrate();
    }

    /** Whether the server is a node of a Galera cluster; false for H2, or when it cannot be reached now. */
    private boolean isGaleraCluster() {
        if (dialect == SQLDialect.H2) {
            return false;
        }
        try (Connection connection = pool.getConnection()) {
            return isGaleraNode(connection);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Whether the connection's server is a Galera node (wsrep on); MySQL, without the variable, is not. */
    static boolean isGaleraNode(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW GLOBAL VARIABLES LIKE 'wsrep_on'")) {
            return rows.next() && rows.getString(2).equalsIgnoreCase("ON");
        }
    }

    /**
     * A login the database refuses is refused at once, not retried as an unreachable database is: the
     * user, password or database name is wrong, and stays wrong.
     */
    private void requireLoginAccepted() {
        try (Connection probe = DriverManager.getConnection(driverUrl(settings.jdbcUrl(), dialect), settings.user(),
                settings.password())) {
            probe.isValid(1);
        } catch (SQLException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && REFUSALS.contains(sql.getErrorCode())) {
                    throw new DatabaseRefusedException(description + " refused the login: " + sql.getMessage());
                }
            }
            // Unreachable: the migration retries, and reports it.
        }
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return String.valueOf(root.getMessage()).lines().findFirst().orElse("");
    }

    private void requireNotOpenElsewhere() {
        try (Connection probe = DriverManager.getConnection(driverUrl(settings.jdbcUrl(), dialect), settings.user(),
                settings.password())) {
            probe.isValid(1);
        } catch (SQLException e) {
            if (e.getErrorCode() == H2_DATABASE_ALREADY_OPEN) {
                throw new DatabaseInUseException(description);
            }
            // Anything else is met again, and reported, by the migration.
        }
    }

    /**
     * Ids are compared byte for byte: under a case-insensitive collation (a database created with the
     * server's default, utf8mb4_general_ci) 'MIA' would find 'mia'. Tables take the database's
     * collation when created, so both the database's default and every existing text column must be
     * binary; otherwise the start is refused, before anything is written, saying how to fix it.
     * Returns false when the database could not be reached to check.
     */
    private boolean requireByteForByteComparison() {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            String schema = connection.getCatalog();
            try (ResultSet rows = statement.executeQuery("SELECT DEFAULT_COLLATION_NAME FROM information_schema.SCHEMATA"
                    + " WHERE SCHEMA_NAME = DATABASE()")) {
                if (rows.next() && !isBinary(rows.getString(1))) {
                    throw new CaseInsensitiveDatabaseException("database " + schema + " compares text by collation "
                            + rows.getString(1) + ", so ids differing only in case would collide: run ALTER DATABASE "
                            + schema + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin before the server's first start");
                }
            }
            try (ResultSet rows = statement.executeQuery("SELECT TABLE_NAME, COLUMN_NAME, COLLATION_NAME"
                    + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND COLLATION_NAME IS NOT NULL"
                    + " AND TABLE_NAME <> 'flyway_schema_history' ORDER BY TABLE_NAME, ORDINAL_POSITION")) {
                while (rows.next()) {
                    if (!isBinary(rows.getString(3))) {
                        throw new CaseInsensitiveDatabaseException("column " + rows.getString(1) + "."
                                + rows.getString(2) + " of database " + schema + " compares by collation "
                                + rows.getString(3) + ", so ids differing only in case would collide: convert every "
                                + "table (ALTER TABLE ... CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin)");
                    }
                }
            }
            return true;
        } catch (SQLException e) {
            // Unreachable now: the migration retries and reports that; the check runs again after it.
            return false;
        }
    }

    private static boolean isBinary(String collation) {
        return collation.endsWith("_bin") || collation.equals("binary");
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** The connection pools, for the server to report on (HikariCP publishes its gauges to a metric registry). */
    public List<HikariDataSource> pools() {
        return List.of(pool, transactionPool);
    }

    /** Whether the URL names several nodes (a cluster), so that a new connection may reach another one. */
    public boolean failsOver() {
        return dialect != SQLDialect.H2 && driverUrl(settings.jdbcUrl(), dialect).startsWith("jdbc:mysql:loadbalance:");
    }

    /** A one-line description for logs, without credentials. */
    public String describe() {
        return description;
    }

    /** Whether a connection can be had and answers, within the pool's validation timeout. */
    public boolean isReachable() {
        try (Connection connection = pool.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    @Override
    public void close() {
        pool.close();
        transactionPool.close();
    }

    static SQLDialect dialectOf(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return SQLDialect.H2;
        }
        if (url.startsWith("jdbc:mariadb:")) {
            return SQLDialect.MARIADB;
        }
        if (url.startsWith("jdbc:mysql:")) {
            return SQLDialect.MYSQL;
        }
        throw new IllegalArgumentException("unsupported database URL (jdbc:h2:, jdbc:mysql: or jdbc:mariadb:)");
    }

    /**
     * Connector/J speaks to MariaDB too, but only under the jdbc:mysql: prefix. H2 needs MySQL mode,
     * and WRITE_DELAY=0 so that a commit is in the file before it returns: by default H2 writes
     * committed changes half a second later, and a killed process loses what it acknowledged.
     */
    static String driverUrl(String jdbcUrl, SQLDialect dialect) {
        if (dialect == SQLDialect.MARIADB) {
            return driverUrl("jdbc:mysql:" + jdbcUrl.substring("jdbc:mariadb:".length()), SQLDialect.MYSQL);
        }
        if (dialect == SQLDialect.MYSQL && jdbcUrl.startsWith("jdbc:mysql://") && namesSeveralHosts(jdbcUrl)) {
            return loadBalancedWithAffinity(jdbcUrl);
        }
        if (dialect == SQLDialect.H2) {
            String url = jdbcUrl;
            for (String option : new String[] {"MODE=MySQL", "DATABASE_TO_LOWER=TRUE", "WRITE_DELAY=0"}) {
                String key = option.substring(0, option.indexOf('=') + 1);
                if (!url.toUpperCase(Locale.ROOT).contains(key.toUpperCase(Locale.ROOT))) {
                    url += ";" + option;
                }
            }
            return url;
        }
        return jdbcUrl;
    }

    /**
     * A URL naming several hosts (a Galera cluster), {@code jdbc:mysql://n1,n2,n3/db}, becomes
     * Connector/J's load-balanced mode with server affinity: every connection writes through the first
     * host of the list that is not blocked, so that one instance writes through one node at a time (no
     * certification conflicts with itself). A connection error from a host (SQLState 08: the node died,
     * or answers "WSREP has not yet prepared node" because it is joining or cut off from the majority)
     * blocks it, JVM-wide, for {@link #BLOCKED_MILLIS}: new connections and every transaction after it
     * go to the next host, and come back to the first once it answers again. The driver's plain failover
     * mode does neither: a failed-over connection is read-only unless told otherwise, and a node that
     * accepts connections but refuses queries is tried first by every new connection.
     */
    static final int BLOCKED_MILLIS = 5000;

    static boolean namesSeveralHosts(String jdbcUrl) {
        return hostsOf(jdbcUrl).contains(",");
    }

    private static String hostsOf(String jdbcUrl) {
        String afterScheme = jdbcUrl.replaceFirst("^jdbc:[a-z]+:(?:[a-z]+:)?//", "");
        int end = afterScheme.indexOf('/');
        return end < 0 ? afterScheme.replaceFirst("\\?.*$", "") : afterScheme.substring(0, end);
    }

    private static String loadBalancedWithAffinity(String jdbcUrl) {
        String hosts = hostsOf(jdbcUrl);
        String url = "jdbc:mysql:loadbalance://" + jdbcUrl.substring(jdbcUrl.indexOf("//") + 2);
        return withDefaults(url, new String[] {"ha.loadBalanceStrategy=serverAffinity", "serverAffinityOrder=" + hosts,
                "loadBalanceBlocklistTimeout=" + BLOCKED_MILLIS, "retriesAllDown=2"});
    }

    /** The URL with each option it does not set already. */
    private static String withDefaults(String jdbcUrl, String[] options) {
        StringBuilder url = new StringBuilder(jdbcUrl);
        String lower = jdbcUrl.toLowerCase(Locale.ROOT);
        for (String option : options) {
            String key = option.substring(0, option.indexOf('=') + 1).toLowerCase(Locale.ROOT);
            if (!lower.contains("?" + key) && !lower.contains("&" + key)) {
                url.append(url.indexOf("?") < 0 ? '?' : '&').append(option);
            }
        }
        return url.toString();
    }

    private static String describe(String jdbcUrl, SQLDialect dialect) {
        String withoutQuery = jdbcUrl.replaceAll("[?;].*$", "");
        return switch (dialect) {
            case H2 -> "H2 " + withoutQuery.substring("jdbc:h2:".length());
            case MARIADB -> "MariaDB " + withoutQuery.substring("jdbc:mariadb://".length());
            default -> "MySQL " + withoutQuery.replaceFirst("^jdbc:mysql:(//)?", "");
        };
    }
}
