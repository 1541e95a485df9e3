package com.anchorhealth.adapter.grpc;

import com.anchorhealth.api.v1.BatchCheckCapabilitiesRequest;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.application.capability.CheckCapability;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class CappedRepeatedFieldTest {
    private static final String BATCH = CapabilityServiceGrpc.getBatchCheckCapabilitiesMethod().getFullMethodName();

    /** The service as the server binds it; its use cases are never reached by parsing. */
    private final ServerServiceDefinition service = new CapabilityGrpcService(null, null).cappedDefinition();

    @Test
    void aBatchWithinTheCapIsReadWhole() {
        BatchCheckCapabilitiesRequest request = batch(CheckCapability.MAX_BATCH);
        assertEquals(request, parse(request));
    }

    @Test
    void anOversizedBatchIsReadOnlyToTheFirstItemOverTheCap() {
        BatchCheckCapabilitiesRequest parsed = parse(batch(180_000));
        assertEquals(CheckCapability.MAX_BATCH + 1, parsed.getChecksCount());
        assertEquals("anchor-1000", parsed.getChecks(CheckCapability.MAX_BATCH).getAnchorId());
    }

    @Test
    void theOtherMethodsAndTheSchemaForReflectionAreKept() {
        assertEquals(CapabilityServiceGrpc.getServiceDescriptor().getMethods().size(), service.getMethods().size());
        assertNotNull(service.getServiceDescriptor().getSchemaDescriptor());
        assertNotNull(service.getMethod(CapabilityServiceGrpc.getCheckCapabilityMethod().getFullMethodName()));
    }

    @SuppressWarnings("unchecked")
    private BatchCheckCapabilitiesRequest parse(BatchCheckCapabilitiesRequest request) {
        MethodDescriptor<BatchCheckCapabilitiesRequest, ?> method =
                (MethodDescriptor<BatchCheckCapabilitiesRequest, ?>) service.getMethod(BATCH).getMethodDescriptor();
        return method.parseRequest(new ByteArrayInputStream(request.toByteArray()));
    }

    private static BatchCheckCapabilitiesRequest batch(int size) {
        BatchCheckCapabilitiesRequest.Builder batch = BatchCheckCapabilitiesRequest.newBuilder();
        for (int i = 0; i < size; i++) {
            batch.addChecks(CheckCapabilityRequest.newBuilder().setAnchorId("anchor-" + i).setCapability(Capability.PK));
        }
        return batch.build();
    }
}
