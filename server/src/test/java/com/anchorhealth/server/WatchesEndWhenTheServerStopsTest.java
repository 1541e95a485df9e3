package com.anchorhealth.server;

import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A watch never ends by itself, so stopping the server ends it rather than waiting out the grace period. */
class WatchesEndWhenTheServerStopsTest {

    @Test
    void stoppingTheServerEndsAWatchWithUnavailableAtOnce() throws IOException, InterruptedException {
        try (RunningServer server = RunningServer.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "", Optional.empty());
             Watch watch = Watch.open(server.channel(), "")) {
            watch.awaitOneOf(() -> register(server));

            long stopping = System.nanoTime();
            server.stopServer();
            Duration took = Duration.ofNanos(System.nanoTime() - stopping);

            assertEquals(Status.Code.UNAVAILABLE, watch.error(Duration.ofSeconds(5)).getStatus().getCode());
            assertTrue(took.compareTo(Duration.ofSeconds(AnchorHealthServer.GRACE_SECONDS / 4)) < 0, "took " + took);
        }
    }

    private static String register(RunningServer server) {
        String id = "anchor-" + UUID.randomUUID();
        AnchorServiceGrpc.newBlockingStub(server.channel()).upsertAnchor(UpsertAnchorRequest.newBuilder()
                .setRequestId("req-" + UUID.randomUUID())
                .setAnchor(Anchor.newBuilder().setAnchorId(id).setDisplayName("Mia").setLevel(1)).build());
        return id;
    }
}
