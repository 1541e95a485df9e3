package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.MariaDbForTests;
import com.anchorhealth.api.v1.AdjustScoreRequest;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.Violation;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One locked anchor stalls nothing beyond the deadlines of the calls that need it: a write waiting on
 * a row lock held outside the server is cancelled in the database when its deadline passes, answers
 * DEADLINE_EXCEEDED, writes nothing, and leaves the writers free for the next calls; however many
 * calls wait for that anchor, every other anchor's calls go through meanwhile.
 */
class WritesBoundedByDeadlinesTest {
    private static final int OTHER_ANCHORS = 100;
    private static final int CALLERS = 8;

    @Test
    void aWriteWaitingOnALockedAnchorEndsAtItsDeadlineAndTheNextWritesGoThrough() throws Exception {
        String url = MariaDbForTests.freshDatabase("anchor_health_deadlines");
        try (RunningServer server = RunningServer.start(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD,
                Optional.empty());
             Connection holder = DriverManager.getConnection(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD)) {
            register(server, List.of("mia", "zoe"));
            holdRow(holder, "mia");

            long started = System.nanoTime();
            StatusRuntimeException expired = assertThrows(StatusRuntimeException.class, () -> violations(server)
                    .withDeadlineAfter(2, TimeUnit.SECONDS).recordViolation(violation("late", "mia")));
            long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertEquals(Status.Code.DEADLINE_EXCEEDED, expired.getStatus().getCode());
            assertTrue(waited < 5_000, "answered after " + waited + " ms");

            for (int i = 0; i < WriterThreads.GROUP_COMMIT_WRITERS * 2; i++) {
                assertEquals(99 - i, violations(server).withDeadlineAfter(5, TimeUnit.SECONDS)
                        .recordViolation(violation("next-" + i, "zoe")).getStandingAfter().getScore(),
                        "the writers are free while mia stays locked");
            }
            holder.rollback();
            Thread.sleep(3_000);
            assertEquals(100, AnchorServiceGrpc.newBlockingStub(server.channel()).getAnchor(GetAnchorRequest
                    .newBuilder().setName("anchors/mia").build()).getStanding().getScore(), "the expired write wrote nothing");
        }
    }

    @Test
    void callsForAnAnchorHeldElsewhereWaitInALaneOfTheirOwnWhileEveryOtherAnchorIsWritten() throws Exception {
        String url = MariaDbForTests.freshDatabase("anchor_health_held_anchor");
        try (RunningServer server = RunningServer.start(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD,
                Optional.empty());
             Connection holder = DriverManager.getConnection(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD)) {
            List<String> others = IntStream.range(0, OTHER_ANCHORS).mapToObj(i -> "other-" + i).toList();
            register(server, Stream.concat(Stream.of("held"), others.stream()).toList());
            holdRow(holder, "held");
            // More calls for the held anchor than there are group writers: each would hold one, waiting.
            List<ListenableFuture<Violation>> heldCalls = new ArrayList<>();
            for (int i = 0; i < WriterThreads.GROUP_COMMIT_WRITERS * 2; i++) {
                heldCalls.add(ViolationServiceGrpc.newFutureStub(server.channel()).withDeadlineAfter(30, TimeUnit.SECONDS)
                        .recordViolation(violation("held-" + i, "held")));
            }

            ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
            List<Future<Status.Code>> answers = new ArrayList<>();
            for (int i = 0; i < CALLERS * 25; i++) {
                String requestId = "other-call-" + i;
                String anchorId = others.get(i % OTHER_ANCHORS);
                answers.add(callers.submit(() -> {
                    try {
                        violations(server).withDeadlineAfter(3, TimeUnit.SECONDS)
                                .recordViolation(violation(requestId, anchorId));
                        return Status.Code.OK;
                    } catch (StatusRuntimeException e) {
                        return e.getStatus().getCode();
                    }
                }));
            }
            for (Future<Status.Code> answer : answers) {
                assertEquals(Status.Code.OK, answer.get(30, TimeUnit.SECONDS), "a call for another anchor");
            }
            callers.shutdown();
            assertTrue(heldCalls.stream().noneMatch(Future::isDone), "the held anchor's calls wait for its lock");

            holder.rollback();
            for (ListenableFuture<Violation> held : heldCalls) {
                held.get(30, TimeUnit.SECONDS);
            }
            assertEquals(100 - heldCalls.size(), AnchorServiceGrpc.newBlockingStub(server.channel()).getAnchor(
                    GetAnchorRequest.newBuilder().setName("anchors/held").build()).getStanding().getScore(),
                    "each waiting call written once the lock is released");
        }
    }

    /** The other writes stop at their caller's deadline too, instead of the 30 s a caller without one gets. */
    @Test
    void anAdjustmentWaitingOnALockedAnchorEndsAtItsDeadlineAndWritesNothing() throws Exception {
        String url = MariaDbForTests.freshDatabase("anchor_health_adjust_deadline");
        try (RunningServer server = RunningServer.start(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD,
                Optional.empty());
             Connection holder = DriverManager.getConnection(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD)) {
            AnchorServiceGrpc.AnchorServiceBlockingStub anchors = AnchorServiceGrpc.newBlockingStub(server.channel());
            register(server, List.of("mia"));
            holdRow(holder, "mia");

            StatusRuntimeException expired = assertThrows(StatusRuntimeException.class, () -> anchors
                    .withDeadlineAfter(2, TimeUnit.SECONDS).adjustScore(AdjustScoreRequest.newBuilder()
                            .setRequestId("late").setAnchor("anchors/mia").setDelta(-10).setReason("review").build()));
            assertEquals(Status.Code.DEADLINE_EXCEEDED, expired.getStatus().getCode());
            // Released well after the call's deadline, well before the 30 s a write without one may wait.
            Thread.sleep(2_000);
            holder.rollback();
            Thread.sleep(2_000);
            assertEquals(100, anchors.getAnchor(GetAnchorRequest.newBuilder().setName("anchors/mia").build())
                    .getStanding().getScore(), "the expired adjustment wrote nothing");
        }
    }

    private static void register(RunningServer server, List<String> anchorIds) {
        for (String id : anchorIds) {
            AnchorServiceGrpc.newBlockingStub(server.channel()).upsertAnchor(UpsertAnchorRequest.newBuilder()
                    .setRequestId("reg-" + id).setAnchor(Anchor.newBuilder().setAnchorId(id).setDisplayName(id)
                            .setLevel(1)).build());
        }
    }

    /** Another session locks the anchor's row until {@code holder} rolls back. */
    private static void holdRow(Connection holder, String anchorId) throws SQLException {
        holder.setAutoCommit(false);
        try (PreparedStatement lock = holder.prepareStatement("SELECT * FROM anchors WHERE anchor_id = ? FOR UPDATE")) {
            lock.setString(1, anchorId);
            lock.executeQuery().close();
        }
    }

    private static ViolationServiceGrpc.ViolationServiceBlockingStub violations(RunningServer server) {
        return ViolationServiceGrpc.newBlockingStub(server.channel());
    }

    private static RecordViolationRequest violation(String requestId, String anchorId) {
        return RecordViolationRequest.newBuilder().setRequestId(requestId).setAnchorId(anchorId)
                .setViolationType("VULGAR_LANGUAGE").setSource("test").build();
    }
}
