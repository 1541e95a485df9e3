package com.anchorhealth.adapter.persistence;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DataSourceConnectionProvider;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.ThreadLocalTransactionProvider;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The store: a bounded connection pool, the schema migrated by Flyway, and a jOOQ context whose
 * transactions are bound to the calling thread, so that every port called inside
 * {@code Transactions.inTransaction} joins the transaction.
 */
public final class Database implements AutoCloseable {
    static final int START_CONNECT_RETRIES = 4;

    private final HikariDataSource pool;
    private final SQLDialect dialect;
    private final DSLContext dsl;
    private final String description;

    public Database(DatabaseSettings settings) {
        this.dialect = dialectOf(settings.jdbcUrl());
        this.description = describe(settings.jdbcUrl(), dialect);
        HikariConfig config = new HikariConfig();
        config.setPoolName("anchor-health");
        config.setJdbcUrl(driverUrl(settings.jdbcUrl(), dialect));
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setConnectionTimeout(settings.connectionTimeout().toMillis());
        config.setValidationTimeout(Math.min(settings.connectionTimeout().toMillis(), 2000));
        // Reads see every committed row (idempotency keys of concurrent calls); writers lock rows.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        // Start even when the database is down; calls then fail fast with UNAVAILABLE.
        config.setInitializationFailTimeout(-1);
        if (dialect != SQLDialect.H2) {
            config.addDataSourceProperty("rewriteBatchedStatements", "true");
            // The driver remembers the session's autocommit and isolation, and skips resending them.
            config.addDataSourceProperty("useLocalSessionState", "true");
            config.addDataSourceProperty("cachePrepStmts", "true");
            config.addDataSourceProperty("prepStmtCacheSize", "250");
            config.addDataSourceProperty("connectTimeout", String.valueOf(settings.connectionTimeout().toMillis()));
        }
        this.pool = new HikariDataSource(config);
        DefaultConfiguration jooq = new DefaultConfiguration();
        jooq.set(dialect);
        jooq.set(new ThreadLocalTransactionProvider(new DataSourceConnectionProvider(pool)));
        jooq.set(new Settings().withExecuteLogging(false));
        jooq.set(new StatementDeadlines());
        this.dsl = DSL.using(jooq);
    }

    /**
     * Brings the schema up to date; throws when the database cannot be reached. A start may wait
     * longer than a call: the first connection of a busy machine can take seconds.
     */
    public void migrate() {
        Flyway.configure()
                .dataSource(pool)
                .connectRetries(START_CONNECT_RETRIES)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    public DSLContext dsl() {
        return dsl;
    }

    /** The connection pool, for the server to report on (HikariCP publishes its gauges to a metric registry). */
    public HikariDataSource pool() {
        return pool;
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

    /** Connector/J speaks to MariaDB too, but only under the jdbc:mysql: prefix; H2 needs MySQL mode. */
    static String driverUrl(String jdbcUrl, SQLDialect dialect) {
        if (dialect == SQLDialect.MARIADB) {
            return "jdbc:mysql:" + jdbcUrl.substring("jdbc:mariadb:".length());
        }
        if (dialect == SQLDialect.H2) {
            String url = jdbcUrl;
            for (String option : new String[] {"MODE=MySQL", "DATABASE_TO_LOWER=TRUE"}) {
                String key = option.substring(0, option.indexOf('=') + 1);
                if (!url.toUpperCase(Locale.ROOT).contains(key.toUpperCase(Locale.ROOT))) {
                    url += ";" + option;
                }
            }
            return url;
        }
        return jdbcUrl;
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
