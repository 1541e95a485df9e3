package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.MariaDbForTests;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.VerifyScoresRequest;
import com.anchorhealth.api.v1.VerifyScoresResponse;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The service on the three-node Galera cluster of {@code .ci/galera}: writers that retry each request
 * id until it is acknowledged, as a client does, while the node taking the writes is killed -9 and
 * restarted, then another; the node taking the writes cut off from the other two; and two instances
 * writing through two different nodes on the same anchors.
 * Nothing acknowledged may be lost or counted twice, on any node; no call may answer INTERNAL.
 */
class GaleraFailoverTest {
    private static final int WRITERS = 8;
    /**
     * Writers on the same few anchors through two nodes: enough that a replicated write often aborts a
     * transaction of the other node while it writes, which is where a stale write got through once.
     */
    private static final int CONTENDING_WRITERS = 16;
    /** From a node's death to the first write acknowledged after it: the cluster needs 4-6 s to evict it. */
    private static final Duration RESUMES_WITHIN = Duration.ofSeconds(10);

    private GaleraCluster cluster;
    private final List<ServerProcess> servers = new ArrayList<>();

    @BeforeEach
    void requireCluster() {
        cluster = GaleraCluster.require();
    }

    @AfterEach
    void stopServersAndHealTheCluster() throws Exception {
        servers.forEach(ServerProcess::kill);
        if (cluster == null) {
            return; // skipped: no cluster to heal
        }
        for (int node : cluster.nodeNumbers()) {
            if (!cluster.synced(node)) {
                if (cluster.answers(node)) {
                    cluster.reconnect(node);
                } else {
                    cluster.restart(node);
                }
            }
        }
    }

    @Test
    void theWriterNodeKilledLosesNothingAcknowledgedAndWritesResume() throws Exception {
        String database = cluster.freshDatabase("anchor_health_galera_failover");
        ServerProcess server = start(cluster.url(database, 1, 2, 3));
        List<String> anchors = register(server, 20);
        Writers writers = new Writers(List.of(server.channel()), anchors, WRITERS);
        AtomicInteger failedChecks = new AtomicInteger();
        AtomicInteger checks = new AtomicInteger();
        Thread checker = new Thread(() -> {
            Random choice = new Random(3);
            while (writers.running.get()) {
                try {
                    CapabilityServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(2, TimeUnit.SECONDS)
                            .checkCapability(CheckCapabilityRequest.newBuilder()
                                    .setAnchorId(anchors.get(choice.nextInt(anchors.size())))
                                    .setCapability(Capability.GIFTS).build());
                    checks.incrementAndGet();
                } catch (StatusRuntimeException e) {
                    failedChecks.incrementAndGet();
                }
            }
        });
        checker.start();

        Thread.sleep(2000);
        int first = cluster.writerNode(database);
        Duration firstResume = killAndTimeTheResumption(writers, first);
        long restarting = System.nanoTime();
        String rejoin = cluster.restart(first);
        Duration firstRejoin = Duration.ofNanos(System.nanoTime() - restarting);

        // The cluster goes on when a second node dies too, and that one catches up as well.
        int second = first % 3 + 1;
        Duration secondResume = killAndTimeTheResumption(writers, second);
        String secondRejoin = cluster.restart(second);
        Thread.sleep(1500);
        writers.stop();
        checker.join(10_000);

        System.out.printf("galera failover: %d violations acknowledged, %d calls refused on the way %s; writes"
                        + " resumed %d ms after node %d died and %d ms after node %d died; node %d rejoined in %d ms;"
                        + " %d checks, %d failed%n", writers.acknowledged.size(), writers.refusals(),
                writers.refusalsByCode, firstResume.toMillis(), first, secondResume.toMillis(), second, first,
                firstRejoin.toMillis(), checks.get(), failedChecks.get());
        assertFalse(writers.refusalsByCode.containsKey(Status.Code.INTERNAL), "no call answered INTERNAL: "
                + writers.refusalsByCode);
        assertTrue(writers.refusals() > 0, "the kills cut calls in flight");
        assertEquals(0, failedChecks.get(), "checks answer from memory whatever the database does");
        assertTrue(firstResume.compareTo(RESUMES_WITHIN) < 0, "writes resumed after " + firstResume);
        assertTrue(secondResume.compareTo(RESUMES_WITHIN) < 0, "writes resumed after " + secondResume);
        assertTrue(rejoin.contains("joins from position") && secondRejoin.contains("joins from position"),
                "each killed node came back from its own data (IST), not by a full copy: " + rejoin + secondRejoin);
        assertEveryNodeHoldsEachAcknowledgedViolationOnce(database, writers);
        assertEveryNodeVerifiesEveryScore(database, anchors.size());
    }

    /**
     * A watcher of the change feed keeps its stream when the node the instance reads through dies: the
     * changes it received live, across the change of writer node, are those a watch resumed from its
     * first cursor reads back from the store afterwards, in the same order, none missing or doubled.
     */
    @Test
    void aWatchKeepsReceivingChangesAcrossAChangeOfWriterNode() throws Exception {
        String database = cluster.freshDatabase("anchor_health_galera_watch");
        ServerProcess server = start(cluster.url(database, 1, 2, 3));
        List<StandingChange> live = new ArrayList<>();
        Instant killedAt;
        try (Watch watch = Watch.open(server.channel(), "")) {
            live.add(watch.awaitOneOf(() -> {
                // A new anchor each time: the watch starts on the server a moment after the call.
                String id = "galera-watched-" + UUID.randomUUID();
                AnchorServiceGrpc.newBlockingStub(server.channel()).upsertAnchor(UpsertAnchorRequest.newBuilder()
                        .setRequestId("register-" + id).setAnchor(Anchor.newBuilder().setAnchorId(id)
                                .setDisplayName(id).setLevel(1)).build());
                return id;
            }));
            // Enough anchors that violations still lower scores after the kill, none reaching the floor.
            List<String> anchors = register(server, 300);
            Writers writers = new Writers(List.of(server.channel()), anchors, WRITERS);
            Thread.sleep(1500);
            int writer = cluster.writerNode(database);
            killedAt = Instant.now();
            Duration resumed = killAndTimeTheResumption(writers, writer);
            Thread.sleep(1500);
            writers.stop();
            for (Optional<StandingChange> next = watch.poll(Duration.ofSeconds(3)); next.isPresent();
                 next = watch.poll(Duration.ofSeconds(3))) {
                live.add(next.get());
            }
            System.out.printf("galera watch: %d violations acknowledged, %d changes received live; writes resumed %d ms"
                    + " after node %d died%n", writers.acknowledged.size(), live.size(), resumed.toMillis(), writer);
        }

        List<StandingChange> replayed = new ArrayList<>(live.subList(0, 1));
        try (Watch resumed = Watch.open(server.channel(), live.get(0).getCursor())) {
            for (Optional<StandingChange> next = resumed.poll(Duration.ofSeconds(3)); next.isPresent();
                 next = resumed.poll(Duration.ofSeconds(3))) {
                replayed.add(next.get());
            }
        }
        long changedAfterTheKill = live.stream().filter(change -> Instant.ofEpochSecond(
                change.getChangeTime().getSeconds(), change.getChangeTime().getNanos()).isAfter(killedAt)).count();
        assertTrue(changedAfterTheKill > 0, "the watch received changes made after the writer node died");
        assertEquals(replayed.stream().map(StandingChange::getCursor).toList(),
                live.stream().map(StandingChange::getCursor).toList(),
                "the live stream holds every change the store does, in its order, once");
        Map<String, Integer> lastSequence = new HashMap<>();
        for (StandingChange change : live) {
            Integer before = lastSequence.put(change.getAnchorId(), change.getAnchorSequence());
            assertTrue(before == null || before < change.getAnchorSequence(),
                    "each anchor's changes in its ledger's order: " + change);
        }
    }

    @Test
    void aNodeCutOffFromTheOthersRefusesWritesAndTheServiceMovesOffIt() throws Exception {
        String database = cluster.freshDatabase("anchor_health_galera_partition");
        ServerProcess server = start(cluster.url(database, 1, 2, 3));
        List<String> anchors = register(server, 20);
        Writers writers = new Writers(List.of(server.channel()), anchors, WRITERS);
        Thread.sleep(1500);
        assertEquals(1, cluster.writerNode(database), "the instance writes through the first node");

        long cutAt = System.nanoTime();
        cluster.isolate(1);
        // A write sent in the instant before the node notices the cut still replicates through it, so
        // resumption counts from the first write acknowledged after the node has left the primary component.
        String cutOffStatus = awaitLeavesPrimaryComponent(1);
        long leftAt = System.nanoTime();
        awaitFirstWriteSentAfter(writers, leftAt, "node 1 left the primary component");
        Duration resumed = Duration.ofNanos(writers.firstAcknowledgedSentAfter(leftAt) - cutAt);
        SQLException refused = assertThrows(SQLException.class, () -> {
            try (Connection connection = cluster.open(1, database); Statement statement = connection.createStatement()) {
                statement.executeUpdate("UPDATE anchors SET display_name = 'written on the cut-off node'");
            }
        });
        Thread.sleep(1000);
        cluster.reconnect(1);
        Thread.sleep(1000);
        writers.stop();

        System.out.printf("galera partition: %d violations acknowledged, writes resumed %d ms after node 1 was cut"
                        + " off, %d calls refused %s; the cut-off node said %s and refused a write: %s%n",
                writers.acknowledged.size(), resumed.toMillis(), writers.refusals(), writers.refusalsByCode,
                cutOffStatus, refused.getMessage());
        assertEquals("non-Primary", cutOffStatus, "a node cut off from the majority leaves the primary component");
        assertTrue(resumed.compareTo(RESUMES_WITHIN) < 0, "writes resumed after " + resumed);
        assertFalse(writers.refusalsByCode.containsKey(Status.Code.INTERNAL), "no call answered INTERNAL: "
                + writers.refusalsByCode);
        assertEveryNodeHoldsEachAcknowledgedViolationOnce(database, writers);
        assertEveryNodeVerifiesEveryScore(database, anchors.size());
    }

    @Test
    void twoInstancesWritingThroughTwoNodesOnTheSameAnchorsCountEachViolationOnce() throws Exception {
        String database = cluster.freshDatabase("anchor_health_galera_two_writers");
        ServerProcess throughSecond = start(cluster.url(database, 2, 1, 3));
        ServerProcess throughThird = start(cluster.url(database, 3, 1, 2));
        // Few anchors, so that the two nodes' transactions meet on the same rows.
        List<String> anchors = register(throughSecond, 4);
        long conflictsBefore = cluster.conflictsSoFar();

        Writers writers = new Writers(List.of(throughSecond.channel(), throughThird.channel()), anchors,
                CONTENDING_WRITERS);
        Thread.sleep(6000);
        assertTrue(cluster.connectionsTo(2, database) > 0 && cluster.connectionsTo(3, database) > 0,
                "each instance writes through its own node");
        writers.stop();

        long conflicts = cluster.conflictsSoFar() - conflictsBefore;
        System.out.printf("galera, two writer nodes: %d violations acknowledged, %d certification conflicts on the"
                        + " nodes, %d calls refused %s%n", writers.acknowledged.size(), conflicts, writers.refusals(),
                writers.refusalsByCode);
        assertTrue(conflicts > 0, "the two nodes' transactions conflicted, and were retried");
        assertFalse(writers.refusalsByCode.containsKey(Status.Code.INTERNAL), "no call answered INTERNAL: "
                + writers.refusalsByCode);
        assertEveryNodeHoldsEachAcknowledgedViolationOnce(database, writers);
        for (ServerProcess server : List.of(throughSecond, throughThird)) {
            VerifyScoresResponse verified = AnchorServiceGrpc.newBlockingStub(server.channel())
                    .verifyScores(VerifyScoresRequest.getDefaultInstance());
            assertEquals(anchors.size(), verified.getAnchorsChecked());
            assertEquals(List.of(), verified.getMismatchesList(), "every score equals its ledger's fold");
        }
    }

    /** Kills the node, and answers how long until a write sent after its death was acknowledged. */
    private Duration killAndTimeTheResumption(Writers writers, int node) throws Exception {
        long killedAt = System.nanoTime();
        cluster.kill(node);
        awaitFirstWriteSentAfter(writers, killedAt, "node " + node + " died");
        return Duration.ofNanos(writers.firstAcknowledgedSentAfter(killedAt) - killedAt);
    }

    /** The node's cluster status once it is no longer Primary, or the last seen after 30 s. */
    private String awaitLeavesPrimaryComponent(int node) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        String status = cluster.clusterStatus(node);
        while (status.equals("Primary") && System.nanoTime() < deadline) {
            Thread.sleep(50);
            status = cluster.clusterStatus(node);
        }
        return status;
    }

    private static void awaitFirstWriteSentAfter(Writers writers, long nanoTime, String event)
            throws InterruptedException {
        long deadline = nanoTime + Duration.ofSeconds(30).toNanos();
        while (writers.firstAcknowledgedSentAfter(nanoTime) == 0) {
            assertTrue(System.nanoTime() < deadline, "no write acknowledged within 30 s after " + event);
            Thread.sleep(20);
        }
    }

    private void assertEveryNodeHoldsEachAcknowledgedViolationOnce(String database, Writers writers) throws Exception {
        for (int node : cluster.nodeNumbers()) {
            try (Connection connection = cluster.openForLatest(node, database);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT request_id FROM violations")) {
                List<String> stored = new ArrayList<>();
                while (rows.next()) {
                    stored.add(rows.getString(1));
                }
                Set<String> distinct = new HashSet<>(stored);
                assertEquals(stored.size(), distinct.size(), "node " + node + ": no violation stored twice");
                assertEquals(writers.acknowledged.keySet(), distinct,
                        "node " + node + ": every acknowledged violation, and only those");
                assertEquals(0, GaleraCluster.count(connection, "SELECT COUNT(*) FROM (SELECT violation_id FROM"
                        + " anchor_ledger WHERE violation_id IS NOT NULL AND kind = 'DEDUCTION' GROUP BY violation_id HAVING COUNT(*) > 1) twice"),
                        "node " + node + ": no violation deducted twice");
                assertEquals(0, GaleraCluster.count(connection, "SELECT COUNT(*) FROM (SELECT anchor_id, seq FROM"
                        + " anchor_ledger GROUP BY anchor_id, seq HAVING COUNT(*) > 1) twice"),
                        "node " + node + ": no two ledger entries of an anchor at one sequence (none built on a stale row)");
                assertChangeFeedWhole(connection, "node " + node);
            }
        }
    }

    /**
     * The change feed across the changes of writer node: every score change in the outbox, positioned
     * without a gap up to the feed's counter, and each anchor's changes in the order of its ledger.
     */
    private static void assertChangeFeedWhole(Connection connection, String where) throws SQLException {
        assertEquals(0, GaleraCluster.count(connection, """
                SELECT COUNT(*) FROM anchor_ledger e
                JOIN anchor_ledger p ON p.anchor_id = e.anchor_id AND p.seq = e.seq - 1
                WHERE e.score_after <> p.score_after AND NOT EXISTS (
                  SELECT 1 FROM standing_change_log c WHERE c.anchor_id = e.anchor_id AND c.anchor_seq = e.seq)"""),
                where + ": every score change is in the feed");
        assertEquals(0, GaleraCluster.count(connection, "SELECT COUNT(*) FROM standing_change_log WHERE feed_position IS NULL"),
                where + ": every change positioned");
        assertEquals(GaleraCluster.count(connection, "SELECT last_position FROM change_feeds"),
                GaleraCluster.count(connection, "SELECT COUNT(*) FROM standing_change_log"),
                where + ": positions 1 to the feed's counter, no gap");
        assertEquals(0, GaleraCluster.count(connection, """
                SELECT COUNT(*) FROM standing_change_log a JOIN standing_change_log b
                  ON b.anchor_id = a.anchor_id AND b.anchor_seq > a.anchor_seq AND b.feed_position < a.feed_position"""),
                where + ": each anchor's changes in its ledger's order");
    }

    /** VerifyScores by a server that reads through each node alone. */
    private void assertEveryNodeVerifiesEveryScore(String database, int anchors) throws Exception {
        for (int node : cluster.nodeNumbers()) {
            try (RunningServer reader = RunningServer.start(cluster.url(database, node), MariaDbForTests.USER,
                    MariaDbForTests.PASSWORD, Optional.empty())) {
                VerifyScoresResponse verified = AnchorServiceGrpc.newBlockingStub(reader.channel())
                        .verifyScores(VerifyScoresRequest.getDefaultInstance());
                assertEquals(anchors, verified.getAnchorsChecked(), "node " + node);
                assertEquals(List.of(), verified.getMismatchesList(), "node " + node + ": every score equals its fold");
            }
        }
    }

    private ServerProcess start(String databaseUrl) throws Exception {
        ServerProcess server = ServerProcess.start(List.of("--database-url", databaseUrl, "--database-user",
                MariaDbForTests.USER, "--web-port", "0"));
        servers.add(server);
        return server;
    }

    private static List<String> register(ServerProcess server, int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = "galera-anchor-" + i;
            AnchorServiceGrpc.newBlockingStub(server.channel()).upsertAnchor(UpsertAnchorRequest.newBuilder()
                    .setRequestId("register-" + id).setAnchor(Anchor.newBuilder().setAnchorId(id).setDisplayName(id)
                            .setLevel(1)).build());
            ids.add(id);
        }
        return ids;
    }

    /**
     * Writers that send violations, each with its own request id, and send the same request again until
     * it is acknowledged (to the next instance, when there are several), as a client does.
     */
    private static final class Writers {
        /** When a call that was acknowledged was sent, and when it was answered (System.nanoTime). */
        private record Acknowledgment(long sent, long answered) {
        }


        final Map<String, RecordViolationRequest> acknowledged = new ConcurrentHashMap<>();
        final Map<Status.Code, AtomicInteger> refusalsByCode = new ConcurrentHashMap<>();
        final AtomicBoolean running = new AtomicBoolean(true);
        private final Queue<Acknowledgment> answers = new ConcurrentLinkedQueue<>();
        private final ExecutorService pool;
        private final List<ManagedChannel> instances;
        private final List<String> anchors;

        Writers(List<ManagedChannel> instances, List<String> anchors, int count) {
            this.instances = instances;
            this.anchors = anchors;
            this.pool = Executors.newFixedThreadPool(count);
            for (int w = 0; w < count; w++) {
                int writer = w;
                pool.submit(() -> write(writer));
            }
        }

        private void write(int writer) {
            Random choice = new Random(writer);
            int instance = writer % instances.size();
            while (running.get()) {
                RecordViolationRequest request = RecordViolationRequest.newBuilder()
                        .setRequestId("galera-" + UUID.randomUUID()).setSource("galera-test")
                        .setAnchorId(anchors.get(choice.nextInt(anchors.size())))
                        .setViolationType("VULGAR_LANGUAGE").build();
                // Once sent, a request is sent until acknowledged, even past the end of the run.
                while (true) {
                    long sent = System.nanoTime();
                    try {
                        ViolationServiceGrpc.newBlockingStub(instances.get(instance))
                                .withDeadlineAfter(3, TimeUnit.SECONDS).recordViolation(request);
                        answers.add(new Acknowledgment(sent, System.nanoTime()));
                        acknowledged.put(request.getRequestId(), request);
                        break;
                    } catch (StatusRuntimeException e) {
                        refusalsByCode.computeIfAbsent(e.getStatus().getCode(), code -> new AtomicInteger())
                                .incrementAndGet();
                        instance = (instance + 1) % instances.size();
                        pause();
                    }
                }
            }
        }

        /** When the first call sent after {@code nanoTime} was acknowledged; 0 while none has been. */
        long firstAcknowledgedSentAfter(long nanoTime) {
            return answers.stream().filter(answer -> answer.sent() - nanoTime > 0)
                    .mapToLong(Acknowledgment::answered).min().orElse(0);
        }

        int refusals() {
            return refusalsByCode.values().stream().mapToInt(AtomicInteger::get).sum();
        }

        void stop() throws InterruptedException {
            running.set(false);
            pool.shutdown();
            assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS), "every request sent was acknowledged");
        }

        private static void pause() {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
