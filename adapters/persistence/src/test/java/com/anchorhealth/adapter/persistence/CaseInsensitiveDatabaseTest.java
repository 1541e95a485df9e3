package com.anchorhealth.adapter.persistence;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On MariaDB, a database that compares text regardless of case (the server's default collation,
 * which {@code createDatabaseIfNotExist} gives) would make 'MIA' find 'mia': the start is refused
 * before anything is written, with one line saying how to fix it.
 */
class CaseInsensitiveDatabaseTest {

    @Test
    void aFreshDatabaseWithTheServersDefaultCollationIsRefusedBeforeAnyTableIsCreated() throws SQLException {
        String url = MariaDbForTests.freshDatabase("anchor_health_general_ci", "utf8mb4_general_ci");
        try (Database database = new Database(new DatabaseSettings(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD))) {
            CaseInsensitiveDatabaseException refused = assertThrows(CaseInsensitiveDatabaseException.class,
                    database::migrate);
            assertTrue(refused.getMessage().contains("utf8mb4_general_ci")
                    && refused.getMessage().contains("COLLATE utf8mb4_bin"), refused.getMessage());
            assertTrue(!refused.getMessage().contains("\n"));
        }
        assertEquals(0, tables(url), "nothing created");
    }

    @Test
    void tablesConvertedToACaseInsensitiveCollationAreRefusedNamingTheColumn() throws SQLException {
        String url = MariaDbForTests.freshDatabase("anchor_health_converted_ci");
        try (Database database = new Database(new DatabaseSettings(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD))) {
            database.migrate();
        }
        execute(url, "ALTER TABLE anchors CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
        try (Database database = new Database(new DatabaseSettings(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD))) {
            CaseInsensitiveDatabaseException refused = assertThrows(CaseInsensitiveDatabaseException.class,
                    database::migrate);
            assertTrue(refused.getMessage().startsWith("column anchors."), refused.getMessage());
        }
    }

    private static int tables(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(
                     "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
