package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.MariaDbForTests;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.Decision;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A database outage, played by cutting a TCP proxy in front of MariaDB: writes answer UNAVAILABLE
 * within the pool's bounded wait, checks keep answering from memory, health says the database
 * services are NOT_SERVING, and everything resumes by itself when the database is back.
 */
class DatabaseOutageTest {
    /** The pool waits 3 s for a connection; a write fails well before a caller's patience ends. */
    private static final Duration PROMPT = Duration.ofSeconds(8);

    private TcpProxy proxy;
    private RunningServer server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
        if (proxy != null) {
            proxy.close();
        }
    }

    @Test
    void writesFailFastChecksServeFromMemoryAndServiceResumesByItself() throws Exception {
        String url = MariaDbForTests.freshDatabase("anchor_health_outage");
        URI database = URI.create(url.substring("jdbc:".length()));
        proxy = TcpProxy.to(database.getHost(), database.getPort());
        server = RunningServer.start(url.replace(database.getHost() + ":" + database.getPort(),
                "127.0.0.1:" + proxy.port()), MariaDbForTests.USER, MariaDbForTests.PASSWORD, Optional.empty());
        AnchorServiceGrpc.newBlockingStub(server.channel()).upsertAnchor(UpsertAnchorRequest.newBuilder()
                .setRequestId("reg-mia").setAnchor(Anchor.newBuilder().setAnchorId("mia").setDisplayName("Mia")
                        .setLevel(2)).build());
        assertEquals(93, record("v-1").getStandingAfter().getScore());

        proxy.cut();
        long started = System.nanoTime();
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> record("v-2"));
        Duration waited = Duration.ofNanos(System.nanoTime() - started);
        assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
        assertTrue(waited.compareTo(PROMPT) < 0, "UNAVAILABLE after " + waited);

        Decision gifts = CapabilityServiceGrpc.newBlockingStub(server.channel()).checkCapability(
                CheckCapabilityRequest.newBuilder().setAnchorId("mia").setCapability(Capability.GIFTS).build());
        assertTrue(gifts.getAllowed());
        assertEquals(93, gifts.getScore(), "checks answer from memory");
        eventually(() -> health("anchorhealth.v1.ViolationService") == ServingStatus.NOT_SERVING);
        assertEquals(ServingStatus.SERVING, health("anchorhealth.v1.CapabilityService"));
        assertEquals(ServingStatus.SERVING, health(""));

        proxy.restore();
        eventually(() -> {
            try {
                return record("v-2").getStandingAfter().getScore() == 86;
            } catch (StatusRuntimeException e) {
                return false;
            }
        });
        eventually(() -> health("anchorhealth.v1.ViolationService") == ServingStatus.SERVING);
        assertEquals(86, AnchorServiceGrpc.newBlockingStub(server.channel()).getAnchor(GetAnchorRequest.newBuilder()
                .setName("anchors/mia").build()).getStanding().getScore(), "the refused write was not half-done");
    }

    private com.anchorhealth.api.v1.Violation record(String requestId) {
        return ViolationServiceGrpc.newBlockingStub(server.channel()).recordViolation(RecordViolationRequest
                .newBuilder().setRequestId(requestId).setAnchorId("mia").setViolationType("PORNOGRAPHY")
                .setSource("outage-test").build());
    }

    private ServingStatus health(String service) {
        return HealthGrpc.newBlockingStub(server.channel()).check(HealthCheckRequest.newBuilder()
                .setService(service).build()).getStatus();
    }

    private static void eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 20 s");
            Thread.sleep(100);
        }
    }
}
