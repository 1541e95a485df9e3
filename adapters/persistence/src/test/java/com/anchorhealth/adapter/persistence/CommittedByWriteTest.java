package com.anchorhealth.adapter.persistence;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A transaction whose last write committed in its round trip sends no commit of its own: shown on a
 * real connection, where a commit that was not sent leaves the row to a rollback.
 */
class CommittedByWriteTest {
    private Connection raw;
    private CommittedByWrite connection;

    @BeforeEach
    void open() throws SQLException {
        raw = DriverManager.getConnection("jdbc:h2:mem:committed-by-write;DB_CLOSE_DELAY=-1");
        try (Statement statement = raw.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS rows_written (id INT PRIMARY KEY)");
            statement.execute("DELETE FROM rows_written");
        }
        raw.setAutoCommit(false);
        connection = new CommittedByWrite(raw);
    }

    @AfterEach
    void close() throws SQLException {
        connection.close();
    }

    @Test
    void aCommitAfterAWriteThatCommittedIsNotSent() throws SQLException {
        insert(1);
        CommittedByWrite.mark(connection);
        connection.commit();
        connection.rollback();

        assertEquals(0, rows(), "the commit was skipped, so the rollback took the row");
    }

    @Test
    void anUnmarkedTransactionCommits() throws SQLException {
        insert(1);
        connection.commit();
        connection.rollback();

        assertEquals(1, rows());
    }

    @Test
    void theMarkCoversOneCommitOnly() throws SQLException {
        insert(1);
        CommittedByWrite.mark(connection);
        connection.commit();
        insert(2);
        connection.commit();

        assertEquals(2, rows(), "the next transaction's commit is sent");
    }

    @Test
    void aRollbackClearsTheMark() throws SQLException {
        CommittedByWrite.mark(connection);
        connection.rollback();
        insert(1);
        connection.commit();
        connection.rollback();

        assertEquals(1, rows());
    }

    private void insert(int id) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO rows_written VALUES (" + id + ")");
        }
    }

    private int rows() throws SQLException {
        try (Statement statement = raw.createStatement(); ResultSet count = statement.executeQuery(
                "SELECT COUNT(*) FROM rows_written")) {
            count.next();
            return count.getInt(1);
        }
    }
}
