package com.anchorhealth.server;

import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A server whose group-commit writers stopped says so: RecordViolation would wait in vain. */
class WriterHealthTest {
    @Test
    void whenAWriterStopsViolationServiceReportsNotServingAndChecksServeOn() throws Exception {
        try (RunningServer server = RunningServer.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "", Optional.empty())) {
            assertEquals(ServingStatus.SERVING, status(server, ViolationServiceGrpc.SERVICE_NAME));

            int stopped = 0;
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread.getName().startsWith("group-commit-")) {
                    thread.interrupt();
                    stopped++;
                }
            }
            assertTrue(stopped > 0, "the writers run on group-commit threads");

            long deadline = System.nanoTime() + 5_000_000_000L;
            while (status(server, ViolationServiceGrpc.SERVICE_NAME) != ServingStatus.NOT_SERVING
                    && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals(ServingStatus.NOT_SERVING, status(server, ViolationServiceGrpc.SERVICE_NAME));
            assertEquals(ServingStatus.SERVING, status(server, CapabilityServiceGrpc.SERVICE_NAME));
        }
    }

    private static ServingStatus status(RunningServer server, String service) {
        return HealthGrpc.newBlockingStub(server.channel()).check(HealthCheckRequest.newBuilder().setService(service)
                .build()).getStatus();
    }
}
