package com.anchorhealth.server;

import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.VerifyScoresRequest;
import com.anchorhealth.api.v1.VerifyScoresResponse;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.sql.Connection;
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
 * Crash consistency, on each store: anchors registered just before a SIGKILL are there after it;
 * then writers send violations with unique request ids to a server in its
 * own process while it is killed with SIGKILL and restarted several times; then every
 * unacknowledged request is retried, and the store must hold each acknowledged violation exactly
 * once, every stored score must equal its ledger fold, and the outbox must hold every standing
 * change. Short in CI; longer with {@code -Dcrash.kills=20 -Dcrash.writers=32} (see RELIABILITY.md).
 */
abstract class CrashConsistencyContract {
    private static final int KILLS = Integer.getInteger("crash.kills", 3);
    private static final int WRITERS = Integer.getInteger("crash.writers", 8);
    private static final int ANCHORS = Integer.getInteger("crash.anchors", 20);
    private static final Duration UP_AT_LEAST = Duration.ofMillis(Long.getLong("crash.upMillis", 1500));

    private final Random random = new Random(7);
    private volatile ServerProcess server;

    /** The flags that point the server at the store under test. */
    abstract List<String> storeFlags();

    /** A connection to the store, opened after the last server process was killed. */
    abstract Connection openStore() throws SQLException;

    @AfterEach
    void killServer() {
        if (server != null) {
            server.kill();
        }
    }

    @Test
    void killedMidRunItLosesNothingAndCountsNothingTwice() throws Exception {
        server = ServerProcess.start(storeFlags());
        List<String> anchorIds = new ArrayList<>();
        for (int i = 0; i < ANCHORS; i++) {
            String id = "crash-anchor-" + i;
            AnchorServiceGrpc.newBlockingStub(server.channel()).upsertAnchor(UpsertAnchorRequest.newBuilder()
                    .setRequestId("register-" + id).setAnchor(Anchor.newBuilder().setAnchorId(id)
                            .setDisplayName(id).setLevel(1)).build());
            anchorIds.add(id);
        }
        // Killed at once: no background flush may be what saves an acknowledged write.
        server.kill();
        server = ServerProcess.start(storeFlags());
        for (String id : anchorIds) {
            assertEquals(id, AnchorServiceGrpc.newBlockingStub(server.channel()).getAnchor(GetAnchorRequest.newBuilder()
                    .setName("anchors/" + id).build()).getAnchorId(), "registered just before the kill");
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
            server = ServerProcess.start(storeFlags());
        }
        Thread.sleep(UP_AT_LEAST.toMillis());
        running.set(false);
        writers.shutdown();
        assertTrue(writers.awaitTermination(30, TimeUnit.SECONDS));

        for (RecordViolationRequest request : unacknowledged.values()) {
            assertAcknowledgedWithinRetries(request, "a retry after the crashes is acknowledged");
            acknowledged.put(request.getRequestId(), request);
        }
        List<RecordViolationRequest> sample = new ArrayList<>(acknowledged.values()).subList(0,
                Math.min(100, acknowledged.size()));
        for (RecordViolationRequest request : sample) {
            assertAcknowledgedWithinRetries(request, "a retry of an acknowledged request is answered again");
        }

        System.out.printf("crash run: %d kills, %d writers, %d violations acknowledged, %d calls retried during"
                + " the run, %d in flight at the end retried after it%n", KILLS, WRITERS, acknowledged.size(),
                retriedDuringTheRun.get(), unacknowledged.size());
        assertTrue(acknowledged.size() > 50, "the writers got through: " + acknowledged.size());
        assertTrue(retriedDuringTheRun.get() > 0, "the kills cut calls in flight");
        VerifyScoresResponse verified = AnchorServiceGrpc.newBlockingStub(server.channel())
                .verifyScores(VerifyScoresRequest.getDefaultInstance());
        assertEquals(ANCHORS, verified.getAnchorsChecked());
        assertEquals(List.of(), verified.getMismatchesList(), "every stored score equals its ledger fold");
        // Counted after a last kill: what a crash leaves is what must hold every acknowledged write.
        server.kill();
        server = null;
        try (Connection database = openStore()) {
            assertEquals(acknowledged.size(), count(database, "SELECT COUNT(*) FROM violations"),
                    "every acknowledged violation stored, none twice ("
                            + retriedDuringTheRun.get() + " calls retried during the run)");
            assertEquals(acknowledged.size(), count(database, "SELECT COUNT(DISTINCT request_id) FROM violations"));
            assertEquals(0, count(database, """
                    SELECT COUNT(*) FROM anchor_ledger e
                    JOIN anchor_ledger p ON p.anchor_id = e.anchor_id AND p.seq = e.seq - 1
                    WHERE e.score_after <> p.score_after AND NOT EXISTS (
                      SELECT 1 FROM standing_change_log c WHERE c.anchor_id = e.anchor_id AND c.anchor_seq = e.seq)"""),
                    "every score change is in the feed");
        }
    }

    /** Whether the server acknowledged the violation (a retry of an acknowledged one counts). */
    private boolean send(RecordViolationRequest request) {
        try {
            ViolationServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(3, TimeUnit.SECONDS)
                    .recordViolation(request);
            return true;
        } catch (StatusRuntimeException e) {
            return false;
        }
    }

    /**
     * As a client after a timeout would: the same request again, a few times, since a server just
     * restarted on a loaded machine may take longer than a deadline to answer its first calls.
     */
    private void assertAcknowledgedWithinRetries(RecordViolationRequest request, String expectation) {
        StatusRuntimeException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            try {
                ViolationServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(10, TimeUnit.SECONDS)
                        .recordViolation(request);
                return;
            } catch (StatusRuntimeException e) {
                last = e;
                pause(200);
            }
        }
        throw new AssertionError(expectation + ": " + last.getStatus() + "\nthe server's last lines:\n"
                + lastLines(), last);
    }

    /** The end of the running server's output, for a failure's message: what it said before it stopped answering. */
    private String lastLines() {
        try {
            String output = server.output();
            return output.substring(Math.max(0, output.length() - 4000));
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
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
}
