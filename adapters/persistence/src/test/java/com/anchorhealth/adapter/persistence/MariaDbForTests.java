package com.anchorhealth.adapter.persistence;

import org.junit.jupiter.api.Assumptions;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fresh MariaDB/MySQL database for a test class (shared with the server tests through the
 * test-jar), at 127.0.0.1:3306 as root with an empty password unless ANCHOR_HEALTH_TEST_MYSQL_* say
 * otherwise; ANCHOR_HEALTH_TEST_DB_PREFIX keeps concurrent checkouts out of each other's databases.
 * Locally a missing server skips the tests; under CI=true it fails them, so that CI can never pass
 * without testing on MariaDB.
 */
public final class MariaDbForTests {
    public static final String SERVER_URL = env("ANCHOR_HEALTH_TEST_MYSQL_SERVER", "jdbc:mysql://127.0.0.1:3306/");
    public static final String USER = env("ANCHOR_HEALTH_TEST_MYSQL_USER", "root");
    public static final String PASSWORD = env("ANCHOR_HEALTH_TEST_MYSQL_PASSWORD", "");
    private static final String PREFIX = env("ANCHOR_HEALTH_TEST_DB_PREFIX", "");
    /** The databases this test run created, dropped when its JVM exits: the suite leaves none behind. */
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(MariaDbForTests::dropCreated, "drop-test-databases"));
    }

    private MariaDbForTests() {
    }

    /** Drops and creates the database, comparing text byte for byte as the server requires; returns its URL. */
    public static String freshDatabase(String unprefixedName) {
        return freshDatabase(unprefixedName, "utf8mb4_bin");
    }

    /** Drops and creates the database with this collation; returns its URL. */
    public static String freshDatabase(String unprefixedName, String collation) {
        String name = PREFIX + unprefixedName;
        try (Connection connection = DriverManager.getConnection(SERVER_URL + "?connectTimeout=3000", USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE " + collation);
            CREATED.add(name);
        } catch (SQLException e) {
            if ("true".equals(System.getenv("CI"))) {
                throw new AssertionError("MariaDB is required under CI=true but not reachable at " + SERVER_URL, e);
            }
            Assumptions.abort("MariaDB not reachable at " + SERVER_URL + " (" + e.getMessage() + "); skipped");
        }
        return SERVER_URL + name;
    }

    private static void dropCreated() {
        if (CREATED.isEmpty()) {
            return;
        }
        try (Connection connection = DriverManager.getConnection(SERVER_URL + "?connectTimeout=3000", USER, PASSWORD);
             Statement statement = connection.createStatement()) {
            for (String name : CREATED) {
                statement.execute("DROP DATABASE IF EXISTS " + name);
            }
        } catch (SQLException e) {
            System.err.println("could not drop the test databases " + CREATED + ": " + e.getMessage());
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isEmpty() ? fallback : value;
    }
}
