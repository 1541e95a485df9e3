package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.MariaDbForTests;
import com.anchorhealth.api.v1.AdjustScoreRequest;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * One locked anchor stalls nothing beyond the deadlines of the calls that need it: a write waiting on
 * a row lock held outside the server is cancelled in the database when its deadline passes, answers
 * DEADLINE_EXCEEDED, writes nothing, and leaves the writers free for the next calls.
 */
class WritesBoundedByDeadlinesTest {
    @Test
    void aWriteWaitingOnALockedAnchorEndsAtItsDeadlineAndTheNextWritesGoThrough() throws Exception {
        String url = MariaDbForTests.freshDatabase("anchor_health_deadlines");
        try (RunningServer server = RunningServer.start(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD,
                Optional.empty());
             Connection holder = DriverManager.getConnection(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD)) {
            for (String id : new String[] {"mia", "zoe"}) {
                AnchorServiceGrpc.newBlockingStub(server.channel()).upsertAnchor(UpsertAnchorRequest.newBuilder()
                        .setRequestId("reg-" + id).setAnchor(Anchor.newBuilder().setAnchorId(id).setDisplayName(id)
                                .setLevel(1)).build());
            }
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.executeQuery("SELECT * FROM anchors WHERE anchor_id = 'mia' FOR UPDATE").close();
            }

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

    /** The other writes stop at their caller's deadline too, instead of the 30 s a caller without one gets. */
    @Test
    void anAdjustmentWaitingOnALockedAnchorEndsAtItsDeadlineAndWritesNothing() throws Exception {
        String url = MariaDbForTests.freshDatabase("anchor_health_adjust_deadline");
        try (RunningServer server = RunningServer.start(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD,
                Optional.empty());
             Connection holder = DriverManager.getConnection(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD)) {
            AnchorServiceGrpc.AnchorServiceBlockingStub anchors = AnchorServiceGrpc.newBlockingStub(server.channel());
            anchors.upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId("reg-mia")
                    .setAnchor(Anchor.newBuilder().setAnchorId("mia").setDisplayName("mia").setLevel(1)).build());
            holder.setAutoCommit(false);
            try (Statement lock = holder.createStatement()) {
                lock.executeQuery("SELECT * FROM anchors WHERE anchor_id = 'mia' FOR UPDATE").close();
            }

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

    private static ViolationServiceGrpc.ViolationServiceBlockingStub violations(RunningServer server) {
        return ViolationServiceGrpc.newBlockingStub(server.channel());
    }

    private static RecordViolationRequest violation(String requestId, String anchorId) {
        return RecordViolationRequest.newBuilder().setRequestId(requestId).setAnchorId(anchorId)
                .setViolationType("VULGAR_LANGUAGE").setSource("test").build();
    }
}
