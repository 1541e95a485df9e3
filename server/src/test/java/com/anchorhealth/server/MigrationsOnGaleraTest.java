package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.Database;
import com.anchorhealth.adapter.persistence.DatabaseSettings;
import com.anchorhealth.adapter.persistence.MariaDbForTests;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Instances started at once on an empty database of the cluster, each listing the nodes in another
 * order so that each would write through another node: Flyway's own lock on MariaDB with wsrep on is a
 * row lock on its history table, which does not reach the other nodes, so the migration needs one of
 * its own.
 */
class MigrationsOnGaleraTest {

    @Test
    void instancesStartedAtOnceThroughDifferentNodesMigrateOnce() throws Exception {
        GaleraCluster cluster = GaleraCluster.require();
        String database = cluster.freshDatabase("anchor_health_migrations_at_once");
        List<String> urls = List.of(cluster.url(database, 1, 2, 3), cluster.url(database, 2, 3, 1),
                cluster.url(database, 3, 1, 2));
        CountDownLatch ready = new CountDownLatch(urls.size());
        ExecutorService starts = Executors.newFixedThreadPool(urls.size());
        try {
            List<Future<Void>> migrations = new ArrayList<>();
            for (String url : urls) {
                migrations.add(starts.submit((Callable<Void>) () -> {
                    try (Database store = new Database(new DatabaseSettings(url, MariaDbForTests.USER,
                            MariaDbForTests.PASSWORD))) {
                        ready.countDown();
                        ready.await();
                        store.migrate();
                    }
                    return null;
                }));
            }
            for (Future<Void> migration : migrations) {
                migration.get(300, TimeUnit.SECONDS);
            }
        } finally {
            starts.shutdownNow();
        }

        for (int node : cluster.nodeNumbers()) {
            try (Connection connection = cluster.openForLatest(node, database)) {
                long versions = GaleraCluster.count(connection,
                        "SELECT COUNT(DISTINCT version) FROM flyway_schema_history WHERE version IS NOT NULL");
                assertEquals(versions, GaleraCluster.count(connection,
                        "SELECT COUNT(*) FROM flyway_schema_history WHERE version IS NOT NULL AND success"),
                        "node " + node + ": every version applied once, successfully");
                assertEquals(GaleraCluster.count(connection, "SELECT COUNT(*) FROM flyway_schema_history"),
                        versions, "node " + node + ": nothing but versioned migrations in the history");
            }
        }
    }
}
