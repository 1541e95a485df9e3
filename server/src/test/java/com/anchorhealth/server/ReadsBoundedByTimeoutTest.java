package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.MariaDbForTests;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.GuildServiceGrpc;
import com.anchorhealth.api.v1.ListPublicNoticesRequest;
import com.anchorhealth.api.v1.ListViolationsRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A read outside a transaction that the database blocks (here another session holds {@code LOCK
 * TABLES anchors WRITE}, which makes every plain read of the table wait for its metadata lock) is
 * cancelled in the database at the read timeout, and its caller, whose own deadline is far off, gets
 * DEADLINE_EXCEEDED; the server answers other calls meanwhile, and the same reads once released.
 */
class ReadsBoundedByTimeoutTest {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
    private static final long CALLER_DEADLINE_SECONDS = 20;

    @Test
    void aBlockedReadIsCancelledAtTheReadTimeoutWhileOtherCallsAreAnswered() throws Exception {
        String url = MariaDbForTests.freshDatabase("anchor_health_read_timeout");
        try (RunningServer server = RunningServer.start(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD,
                READ_TIMEOUT);
             Connection holder = DriverManager.getConnection(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD);
             Statement lock = holder.createStatement()) {
            anchors(server).upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId("reg-mia")
                    .setAnchor(Anchor.newBuilder().setAnchorId("mia").setDisplayName("Mia").setLevel(1)).build());
            lock.execute("LOCK TABLES anchors WRITE");

            long started = System.nanoTime();
            List<ListenableFuture<?>> blocked = List.of(
                    AnchorServiceGrpc.newFutureStub(server.channel())
                            .withDeadlineAfter(CALLER_DEADLINE_SECONDS, TimeUnit.SECONDS).getAnchor(getMia()),
                    ViolationServiceGrpc.newFutureStub(server.channel())
                            .withDeadlineAfter(CALLER_DEADLINE_SECONDS, TimeUnit.SECONDS)
                            .listViolations(ListViolationsRequest.newBuilder().setParent("anchors/mia").build()));

            GuildServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(CALLER_DEADLINE_SECONDS,
                    TimeUnit.SECONDS).listPublicNotices(ListPublicNoticesRequest.getDefaultInstance());
            assertTrue(blocked.stream().noneMatch(ListenableFuture::isDone),
                    "another table's read was answered while the anchors' reads still waited");

            for (ListenableFuture<?> read : blocked) {
                ExecutionException cancelled = assertThrows(ExecutionException.class,
                        () -> read.get(CALLER_DEADLINE_SECONDS, TimeUnit.SECONDS));
                assertEquals(Status.Code.DEADLINE_EXCEEDED, Status.fromThrowable(cancelled.getCause()).getCode());
            }
            long waited = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
            assertTrue(waited < CALLER_DEADLINE_SECONDS / 2, "cancelled by the server, not the caller's deadline: "
                    + waited + " s");

            lock.execute("UNLOCK TABLES");
            assertEquals(100, anchors(server).withDeadlineAfter(CALLER_DEADLINE_SECONDS, TimeUnit.SECONDS)
                    .getAnchor(getMia()).getStanding().getScore(), "the same read, once the table is released");
        }
    }

    private static AnchorServiceGrpc.AnchorServiceBlockingStub anchors(RunningServer server) {
        return AnchorServiceGrpc.newBlockingStub(server.channel());
    }

    private static GetAnchorRequest getMia() {
        return GetAnchorRequest.newBuilder().setName("anchors/mia").build();
    }
}
