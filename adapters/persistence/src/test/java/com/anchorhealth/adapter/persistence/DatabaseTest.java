package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.error.StoreUnavailableException;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DatabaseTest {

    @Test
    void anUnreachableDatabaseIsUnavailableQuickly() {
        try (Database database = new Database(new DatabaseSettings("jdbc:mysql://127.0.0.1:1/none", "root", "", 2,
                Duration.ofMillis(500)))) {
            assertFalse(database.isReachable());
            long start = System.nanoTime();
            assertThrows(StoreUnavailableException.class,
                    () -> new JooqAnchors(database.dsl()).find(new AnchorId("mia")));
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos(), "bounded by the pool timeout");
        }
    }

    @Test
    void aStartThatCannotReachTheDatabaseSaysWhereItLooked() {
        try (Database database = new Database(new DatabaseSettings("jdbc:mariadb://127.0.0.1:1/none", "root", "", 2,
                Duration.ofMillis(500)))) {
            DatabaseUnreachableException unreachable = assertThrows(DatabaseUnreachableException.class,
                    database::migrate);
            assertTrue(unreachable.getMessage().startsWith("MariaDB 127.0.0.1:1/none cannot be reached: "),
                    unreachable.getMessage());
            assertEquals(null, unreachable.getCause(), "the one line a start failure prints is this message");
        }
    }

    @Test
    void theUrlSelectsTheEngine() {
        assertEquals(SQLDialect.H2, Database.dialectOf("jdbc:h2:mem:x"));
        assertEquals(SQLDialect.MYSQL, Database.dialectOf("jdbc:mysql://db:3306/ah"));
        assertEquals(SQLDialect.MARIADB, Database.dialectOf("jdbc:mariadb://db:3306/ah"));
        assertEquals("jdbc:mysql://db:3306/ah", Database.driverUrl("jdbc:mariadb://db:3306/ah", SQLDialect.MARIADB));
        assertEquals("jdbc:h2:mem:x;MODE=MySQL;DATABASE_TO_LOWER=TRUE;WRITE_DELAY=0", Database.driverUrl("jdbc:h2:mem:x", SQLDialect.H2));
    }

    @Test
    void aClusterUrlWritesThroughTheFirstNodeNotBlocked() {
        assertEquals("jdbc:mysql:loadbalance://n1:3311,n2:3312/ah?ha.loadBalanceStrategy=serverAffinity"
                        + "&serverAffinityOrder=n1:3311,n2:3312&loadBalanceBlocklistTimeout=5000&retriesAllDown=2",
                Database.driverUrl("jdbc:mariadb://n1:3311,n2:3312/ah", SQLDialect.MARIADB));
        assertEquals("jdbc:mysql:loadbalance://n1,n2/ah?retriesAllDown=5&ha.loadBalanceStrategy=serverAffinity"
                        + "&serverAffinityOrder=n1,n2&loadBalanceBlocklistTimeout=5000",
                Database.driverUrl("jdbc:mysql://n1,n2/ah?retriesAllDown=5", SQLDialect.MYSQL),
                "what the URL sets is kept");
        assertEquals("jdbc:mysql://n1:3306/ah?a=1,2", Database.driverUrl("jdbc:mysql://n1:3306/ah?a=1,2",
                SQLDialect.MYSQL), "one host");
        assertEquals("jdbc:mysql:replication://n1,n2/ah", Database.driverUrl("jdbc:mysql:replication://n1,n2/ah",
                SQLDialect.MYSQL), "a multi-host mode the URL chose itself is kept");
        try (Database cluster = new Database(new DatabaseSettings("jdbc:mariadb://127.0.0.1:1,127.0.0.1:2/ah", "root", ""));
             Database single = new Database(new DatabaseSettings("jdbc:mariadb://127.0.0.1:1/ah", "root", ""))) {
            assertTrue(cluster.failsOver(), "a lost connection may be had again on another node");
            assertFalse(single.failsOver());
        }
    }

    @Test
    void theDescriptionNamesNoPassword() {
        try (Database database = new Database(new DatabaseSettings(
                "jdbc:mariadb://127.0.0.1:1/ah?password=secret", "root", "secret"))) {
            assertEquals("MariaDB 127.0.0.1:1/ah", database.describe());
        }
        assertTrue(DatabaseSettings.embeddedUrl(Path.of("data")).startsWith("jdbc:h2:file:"));
    }

    @Test
    void aTransactionThatCouldNotBeginLeavesTheNextStatementOnAConnectionThatCommitsItself() throws Exception {
        try (Database database = new Database(new DatabaseSettings("jdbc:h2:mem:begin-fails", "sa", "", 1,
                Duration.ofMillis(300)))) {
            JooqTransactions transactions = new JooqTransactions(database.dsl());
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> transactions.inTransaction(() -> {
                holding.countDown();
                awaitQuietly(release);
                return null;
            }));
            holder.start();
            holding.await();
            assertThrows(StoreUnavailableException.class, () -> transactions.inTransaction(() -> null),
                    "the transactions' only connection is taken");
            release.countDown();
            holder.join();

            assertTrue(database.dsl().connectionResult(Connection::getAutoCommit));
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
