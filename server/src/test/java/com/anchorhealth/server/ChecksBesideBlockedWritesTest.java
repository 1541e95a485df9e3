package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.MariaDbForTests;
import com.anchorhealth.api.v1.AdjustScoreRequest;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.google.common.util.concurrent.ListenableFuture;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks do not queue behind blocking calls: with every handler thread waiting on a row lock held
 * outside the server, a capability check still answers at once.
 */
class ChecksBesideBlockedWritesTest {
    @Test
    void aCheckAnswersWhileEveryHandlerThreadWaitsOnTheDatabase() throws Exception {
        String url = MariaDbForTests.freshDatabase("anchor_health_executors");
        try (RunningServer server = RunningServer.start(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD,
                Optional.empty());
             Connection holder = registerMiaAndLockHerRow(server, url)) {
            List<ListenableFuture<?>> blocked = new ArrayList<>();
            for (int i = 0; i < AnchorHealthServer.HANDLER_THREADS + 8; i++) {
                blocked.add(adjustmentOfMia(server, "blocked-" + i));
            }
            Thread.sleep(1000);
            assertTrue(blocked.stream().noneMatch(ListenableFuture::isDone), "the writes wait on the lock");

            long started = System.nanoTime();
            boolean allowed = CapabilityServiceGrpc.newBlockingStub(server.channel())
                    .withDeadlineAfter(2, TimeUnit.SECONDS).checkCapability(CheckCapabilityRequest.newBuilder()
                            .setAnchorId("mia").setCapability(Capability.PK).build()).getAllowed();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(allowed);
            assertTrue(millis < 500, "the check took " + millis + " ms");

            releaseAndCountEachAcknowledgedWriteOnce(server, holder, blocked);
        }
    }

    /** Registers mia and locks her row from outside the server, until the connection returned rolls back. */
    /**
     * A write that waits on mia's row lock on its handler thread (a RecordViolation waits in a lane of
     * mia's own instead, holding no handler thread); it deducts a point once written.
     */
    static ListenableFuture<?> adjustmentOfMia(RunningServer server, String requestId) {
        return AnchorServiceGrpc.newFutureStub(server.channel()).withDeadlineAfter(30, TimeUnit.SECONDS)
                .adjustScore(AdjustScoreRequest.newBuilder().setRequestId(requestId).setAnchor("anchors/mia")
                        .setDelta(-1).setReason("held on the row lock").build());
    }

    static Connection registerMiaAndLockHerRow(RunningServer server, String url) throws SQLException {
        AnchorServiceGrpc.newBlockingStub(server.channel()).upsertAnchor(UpsertAnchorRequest.newBuilder()
                .setRequestId("reg-mia").setAnchor(Anchor.newBuilder().setAnchorId("mia").setDisplayName("Mia")
                        .setLevel(1)).build());
        Connection holder = DriverManager.getConnection(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD);
        holder.setAutoCommit(false);
        try (Statement lock = holder.createStatement()) {
            lock.executeQuery("SELECT * FROM anchors WHERE anchor_id = 'mia' FOR UPDATE").close();
        }
        return holder;
    }

    /**
     * Releases mia's row; every write of mia that was acknowledged deducted its point once, and
     * nothing else was written.
     */
    static void releaseAndCountEachAcknowledgedWriteOnce(RunningServer server, Connection holder,
                                                         List<? extends ListenableFuture<?>> writes) throws Exception {
        holder.rollback();
        int recorded = 0;
        for (ListenableFuture<?> write : writes) {
            try {
                write.get(30, TimeUnit.SECONDS);
                recorded++;
            } catch (ExecutionException e) {
                // Some waited for a pooled connection longer than the pool allows: UNAVAILABLE.
            }
        }
        assertTrue(recorded > 0);
        assertEquals(100 - recorded, AnchorServiceGrpc.newBlockingStub(server.channel())
                .getAnchor(GetAnchorRequest.newBuilder().setName("anchors/mia").build())
                .getStanding().getScore());
    }
}
