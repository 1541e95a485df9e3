package com.anchorhealth.server;

import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Watches never end by themselves (the change feed's and gRPC health's), so stopping the server ends them
 * rather than waiting out the grace period.
 */
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

    @Test
    void stoppingTheServerEndsAHealthWatchWithUnavailableAtOnce() throws IOException, InterruptedException {
        try (RunningServer server = RunningServer.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "", Optional.empty())) {
            BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
            HealthGrpc.newStub(server.channel()).watch(HealthCheckRequest.getDefaultInstance(),
                    new StreamObserver<>() {
                        @Override
                        public void onNext(HealthCheckResponse response) {
                            arrived.add(response.getStatus());
                        }

                        @Override
                        public void onError(Throwable error) {
                            arrived.add(error);
                        }

                        @Override
                        public void onCompleted() {
                            arrived.add("completed");
                        }
                    });
            assertEquals(HealthCheckResponse.ServingStatus.SERVING, arrived.poll(5, TimeUnit.SECONDS));

            long stopping = System.nanoTime();
            server.stopServer();
            Duration took = Duration.ofNanos(System.nanoTime() - stopping);

            assertEquals(HealthCheckResponse.ServingStatus.NOT_SERVING, arrived.poll(5, TimeUnit.SECONDS));
            StatusRuntimeException ended = assertInstanceOf(StatusRuntimeException.class,
                    arrived.poll(5, TimeUnit.SECONDS));
            assertEquals(Status.Code.UNAVAILABLE, ended.getStatus().getCode());
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
