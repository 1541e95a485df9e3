package com.anchorhealth.server;

import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.BatchRecordViolationsRequest;
import com.anchorhealth.api.v1.ListViolationsRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Over real TCP: a message over the inbound limit is RESOURCE_EXHAUSTED and writes nothing. */
class InboundLimitTest {
    @Test
    void aMessageOverTheLimitIsRefusedBeforeItIsRead() throws Exception {
        AnchorHealthServer server = LoopbackServer.start();
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
                .maxInboundMessageSize(64 << 20).build();
        try {
            AnchorServiceGrpc.newBlockingStub(channel).upsertAnchor(UpsertAnchorRequest.newBuilder()
                    .setRequestId("reg-mia").setAnchor(Anchor.newBuilder().setAnchorId("mia").setDisplayName("Mia")
                            .setLevel(1)).build());
            BatchRecordViolationsRequest.Builder huge = BatchRecordViolationsRequest.newBuilder();
            RecordViolationRequest.Builder item = RecordViolationRequest.newBuilder().setAnchorId("mia")
                    .setViolationType("VULGAR_LANGUAGE").setSource("limit-test");
            for (int e = 0; e < 20; e++) {
                item.addEvidenceRefs("x".repeat(512));
            }
            for (int i = 0; i < 1000; i++) {
                huge.addRequests(item.setRequestId("limit-" + i));
            }
            assertTrue(huge.build().getSerializedSize() > NettyTransport.MAX_INBOUND_MESSAGE_BYTES);

            StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () ->
                    ViolationServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS)
                            .batchRecordViolations(huge.build()));
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, refused.getStatus().getCode());
            assertEquals(0, ViolationServiceGrpc.newBlockingStub(channel).listViolations(ListViolationsRequest
                    .newBuilder().setParent("anchors/mia").build()).getViolationsCount(), "nothing written");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.stop();
        }
    }
}
