package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.MariaDbForTests;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.VerifyScoresRequest;
import com.anchorhealth.api.v1.VerifyScoresResponse;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Crash consistency on MariaDB: writers send violations with unique request ids to a server in its
 * own process while it is killed with SIGKILL and restarted several times; then every
 * unacknowledged request is retried, and the store must hold each acknowledged violation exactly
 * once, every stored score must equal its ledger fold, and the outbox must hold every standing
 * change. Short in CI; longer with {@code -Dcrash.kills=20 -Dcrash.writers=32} (see RELIABILITY.md).
 */
class CrashConsistencyTest {
    private static final int KILLS = Integer.getInteger("crash.kills", 3);
    private static final int WRITERS = Integer.getInteger("crash.writers", 8);
    private static final int ANCHORS = Integer.getInteger("crash.anchors", 20);
    private static final Duration UP_AT_LEAST = Duration.ofMillis(Long.getLong("crash.upMillis", 1500));

    private final Random random = new Random(7);
    private final String databaseUrl = MariaDbForTests.freshDatabase("anchor_health_crash");
    private volatile ServerProcess server;

    @AfterEach
    void killServer() {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void killedMidRunItLosesNothingAndCountsNothingTwice() throws Exception {
        server = ServerProcess.start(databaseUrl);
        List<String> anchorIds = new ArrayList<>();
        for (int i = 0; i < ANCHORS; i++) {
            String id = "crash-anchor-" + i;
            AnchorServiceGrpc.newBlockingStub(server.channel).upsertAnchor(UpsertAnchorRequest.newBuilder()
                    .setRequestId("register-" + id).setAnchor(Anchor.newBuilder().setAnchorId(id)
                            .setDisplayName(id).setLevel(1)).build());
            anchorIds.add(id);
        }

        Map<String, RecordViolationRequest> acknowledged = new ConcurrentHashMap<>();
        Map<String, RecordViolationRequest> unacknowledged = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger retriedDuringTheRun = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.submit(() -> {
                Random choice = new Random(writer);
                RecordViolationRequest request = null;
                while (running.get()) {
                    if (request == null) {
                        request = RecordViolationRequest.newBuilder().setRequestId("crash-" + UUID.randomUUID())
                                .setAnchorId(anchorIds.get(choice.nextInt(anchorIds.size())))
                                .setViolationType("VULGAR_LANGUAGE").setSource("crash-test").build();
                    }
                    if (send(request)) {
                        acknowledged.put(request.getRequestId(), request);
                        request = null;
                    } else {
                        retriedDuringTheRun.incrementAndGet();   // as a client would: the same request again
                        pause(20);
                    }
                }
                if (request != null) {
                    unacknowledged.put(request.getRequestId(), request);
                }
            });
        }
        for (int kill = 0; kill < KILLS; kill++) {
            Thread.sleep(UP_AT_LEAST.toMillis() + random.nextInt(1000));
            server.kill();
            server = ServerProcess.start(databaseUrl);
        }
        Thread.sleep(UP_AT_LEAST.toMillis());
        running.set(false);
        writers.shutdown();
        assertTrue(writers.awaitTermination(30, TimeUnit.SECONDS));

        for (RecordViolationRequest request : unacknowledged.values()) {
            assertTrue(send(request), "a retry after the crashes is acknowledged");
            acknowledged.put(request.getRequestId(), request);
        }
        List<RecordViolationRequest> sample = new ArrayList<>(acknowledged.values()).subList(0,
                Math.min(100, acknowledged.size()));
        for (RecordViolationRequest request : sample) {
            assertTrue(send(request), "a retry of an acknowledged request is answered again");
        }

        System.out.printf("crash run: %d kills, %d writers, %d violations acknowledged, %d calls retried during"
                + " the run, %d in flight at the end retried after it%n", KILLS, WRITERS, acknowledged.size(),
                retriedDuringTheRun.get(), unacknowledged.size());
        assertTrue(acknowledged.size() > 50, "the writers got through: " + acknowledged.size());
        assertTrue(retriedDuringTheRun.get() > 0, "the kills cut calls in flight");
        try (Connection database = DriverManager.getConnection(databaseUrl, MariaDbForTests.USER,
                MariaDbForTests.PASSWORD)) {
            assertEquals(acknowledged.size(), count(database, "SELECT COUNT(*) FROM violations"),
                    "every acknowledged violation stored, none twice ("
                            + retriedDuringTheRun.get() + " calls retried during the run)");
            assertEquals(acknowledged.size(), count(database, "SELECT COUNT(DISTINCT request_id) FROM violations"));
            assertEquals(0, count(database, """
                    SELECT COUNT(*) FROM score_events e
                    JOIN score_events p ON p.anchor_id = e.anchor_id AND p.seq = e.seq - 1
                    WHERE e.score_after <> p.score_after AND NOT EXISTS (
                      SELECT 1 FROM standing_changes c WHERE c.anchor_id = e.anchor_id AND c.anchor_seq = e.seq)"""),
                    "every score change is in the outbox");
        }
        VerifyScoresResponse verified = AnchorServiceGrpc.newBlockingStub(server.channel)
                .verifyScores(VerifyScoresRequest.getDefaultInstance());
        assertEquals(ANCHORS, verified.getAnchorsChecked());
        assertEquals(List.of(), verified.getMismatchesList(), "every stored score equals its ledger fold");
    }

    /** Whether the server acknowledged the violation (a retry of an acknowledged one counts). */
    private boolean send(RecordViolationRequest request) {
        try {
            ViolationServiceGrpc.newBlockingStub(server.channel).withDeadlineAfter(3, TimeUnit.SECONDS)
                    .recordViolation(request);
            return true;
        } catch (StatusRuntimeException e) {
            return false;
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long count(Connection database, String sql) throws SQLException {
        try (Statement statement = database.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The server in a process of its own, on a fresh port, so that it can be killed with SIGKILL. */
    private static final class ServerProcess {
        private final Process process;
        private final ManagedChannel channel;

        private ServerProcess(Process process, ManagedChannel channel) {
            this.process = process;
            this.channel = channel;
        }

        static ServerProcess start(String databaseUrl) throws IOException, InterruptedException {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path log = Files.createTempFile("anchor-health-crash", ".log");
            String java = ProcessHandle.current().info().command().orElse("java");
            String classPath = System.getProperty("surefire.test.class.path",
                    System.getProperty("java.class.path"));
            Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", classPath, Main.class.getName(),
                    "--port", String.valueOf(port), "--database-url", databaseUrl,
                    "--database-user", MariaDbForTests.USER, "--admin-port", "0")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
            ServerProcess server = new ServerProcess(process, channel);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!server.serving()) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    server.kill();
                    throw new AssertionError("the server did not start: " + Files.readString(log));
                }
                Thread.sleep(50);
            }
            return server;
        }

        private boolean serving() {
            try {
                return HealthGrpc.newBlockingStub(channel).withDeadlineAfter(1, TimeUnit.SECONDS)
                        .check(HealthCheckRequest.getDefaultInstance()).getStatus()
                        == HealthCheckResponse.ServingStatus.SERVING;
            } catch (StatusRuntimeException e) {
                return false;
            }
        }

        /** SIGKILL: no shutdown hook, no draining; whatever was in flight is cut. */
        void kill() {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            channel.shutdownNow();
        }
    }
}
