package com.anchorhealth.server;

import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.BatchCheckCapabilitiesRequest;
import com.anchorhealth.api.v1.BatchRecordViolationsRequest;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.ListAnchorsRequest;
import com.anchorhealth.api.v1.ListViolationsRequest;
import com.anchorhealth.api.v1.ListViolationsResponse;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.Violation;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.anchorhealth.application.violation.BatchRecordViolations;
import com.anchorhealth.application.violation.RecordViolationCommand;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static com.anchorhealth.server.StatusAssertions.assertFieldViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over real TCP, with a client at gRPC's defaults (8 KiB of metadata, 4 MiB messages): oversized
 * input gets its field violation, and no answer outgrows what such a client reads.
 */
class HostileInputOverTcpTest {
    private static Injector wiring;
    private static AnchorHealthServer server;
    private static ManagedChannel channel;

    @BeforeAll
    static void start() throws IOException {
        wiring = LoopbackServer.wiring();
        server = LoopbackServer.start(wiring);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop();
    }

    @Test
    void aFilterOfFiveThousandCharactersGetsItsFieldViolation() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> AnchorServiceGrpc
                .newBlockingStub(channel).listAnchors(ListAnchorsRequest.newBuilder().setFilter("x".repeat(5000)).build()));
        assertFieldViolation(refused, "filter");
    }

    @Test
    void anOversizedCapabilityBatchGetsItsFieldViolation() {
        BatchCheckCapabilitiesRequest.Builder batch = BatchCheckCapabilitiesRequest.newBuilder();
        for (int i = 0; i < 180_000; i++) {
            batch.addChecks(CheckCapabilityRequest.newBuilder().setAnchorId("a" + i).setCapability(Capability.PK));
        }
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> CapabilityServiceGrpc
                .newBlockingStub(channel).batchCheckCapabilities(batch.build()));
        assertFieldViolation(refused, "checks");
    }

    /**
     * Two million empty items fill the 4 MiB a request may take: refused on the cap, having parsed
     * one item over it (the service as the server binds it), not two million.
     */
    @Test
    void aViolationBatchOfMillionsOfEmptyItemsIsRefusedOnItsCapWithoutParsingThemAll() {
        BatchRecordViolationsRequest.Builder batch = BatchRecordViolationsRequest.newBuilder();
        for (int i = 0; i < 2_000_000; i++) {
            batch.addRequests(RecordViolationRequest.getDefaultInstance());
        }
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> ViolationServiceGrpc
                .newBlockingStub(channel).batchRecordViolations(batch.build()));
        assertFieldViolation(refused, "requests");

        ServerServiceDefinition bound = wiring.getInstance(Key.get(new TypeLiteral<Set<BindableService>>() { }))
                .stream().map(BindableService::bindService)
                .filter(service -> service.getServiceDescriptor().getName().equals(ViolationServiceGrpc.SERVICE_NAME))
                .findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        MethodDescriptor<BatchRecordViolationsRequest, ?> method = (MethodDescriptor<BatchRecordViolationsRequest, ?>)
                bound.getMethod(ViolationServiceGrpc.getBatchRecordViolationsMethod().getFullMethodName())
                        .getMethodDescriptor();
        assertEquals(BatchRecordViolations.MAX_ITEMS + 1,
                method.parseRequest(new ByteArrayInputStream(batch.build().toByteArray())).getRequestsCount());
    }

    /** 150 violations with the most evidence allowed are about 1.5 MB: more than one page may carry. */
    @Test
    void aPageOfViolationsIsBoundedByBytesAndTheNextPageContinuesIt() {
        String id = "heavy-" + UUID.randomUUID();
        AnchorServiceGrpc.newBlockingStub(channel).upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId("reg-" + id)
                .setAnchor(Anchor.newBuilder().setAnchorId(id).setDisplayName(id).setLevel(1)).build());
        BatchRecordViolationsRequest.Builder batch = BatchRecordViolationsRequest.newBuilder();
        RecordViolationRequest.Builder item = RecordViolationRequest.newBuilder().setAnchorId(id)
                .setViolationType("VULGAR_LANGUAGE").setSource("page-bytes-test");
        for (int e = 0; e < RecordViolationCommand.MAX_EVIDENCE_REFS; e++) {
            item.addEvidenceRefs("e".repeat(RecordViolationCommand.MAX_EVIDENCE_REF_LENGTH));
        }
        for (int i = 0; i < 150; i++) {
            batch.addRequests(item.setRequestId(id + "-" + i));
        }
        ViolationServiceGrpc.newBlockingStub(channel).batchRecordViolations(batch.build());

        Set<String> seen = new HashSet<>();
        String token = "";
        int pages = 0;
        do {
            ListViolationsResponse page = ViolationServiceGrpc.newBlockingStub(channel).listViolations(
                    ListViolationsRequest.newBuilder().setParent("anchors/" + id).setPageSize(1000).setPageToken(token)
                            .build());
            assertTrue(page.getSerializedSize() <= 1 << 20, page.getSerializedSize() + " bytes");
            assertFalse(page.getViolationsList().isEmpty());
            page.getViolationsList().stream().map(Violation::getName).forEach(name -> assertTrue(seen.add(name), name));
            token = page.getNextPageToken();
            pages++;
        } while (!token.isEmpty());
        assertEquals(150, seen.size(), "every violation once");
        assertTrue(pages > 1, "bounded by bytes before the count of 1000");
    }
}
