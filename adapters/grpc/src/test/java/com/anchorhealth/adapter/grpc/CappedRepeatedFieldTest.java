package com.anchorhealth.adapter.grpc;

import com.anchorhealth.api.v1.BatchCheckCapabilitiesRequest;
import com.anchorhealth.api.v1.BatchRecordViolationsRequest;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.anchorhealth.application.capability.CheckCapability;
import com.anchorhealth.application.violation.BatchRecordViolations;
import com.anchorhealth.application.violation.RecordViolationCommand;
import com.google.protobuf.Message;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

class CappedRepeatedFieldTest {
    private static final String BATCH = CapabilityServiceGrpc.getBatchCheckCapabilitiesMethod().getFullMethodName();

    /** The service as the server binds it; its use cases are never reached by parsing. */
    private final ServerServiceDefinition service = new CapabilityGrpcService(null, null, null).definition();
    private static final String BATCH_VIOLATIONS =
            ViolationServiceGrpc.getBatchRecordViolationsMethod().getFullMethodName();
    private final ServerServiceDefinition violations =
            new ViolationGrpcService(null, null, null, null, null, null, null).cappedDefinition();

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

    /** Two bytes an item: two million of them fit in the 4 MiB a request may take. */
    @Test
    void aViolationBatchOfMillionsOfEmptyItemsIsReadOnlyToTheFirstItemOverTheCap() {
        BatchRecordViolationsRequest.Builder batch = BatchRecordViolationsRequest.newBuilder();
        for (int i = 0; i < 2_000_000; i++) {
            batch.addRequests(RecordViolationRequest.getDefaultInstance());
        }
        BatchRecordViolationsRequest parsed = parseWith(violations, BATCH_VIOLATIONS, batch.build());
        assertEquals(BatchRecordViolations.MAX_ITEMS + 1, parsed.getRequestsCount());
    }

    @Test
    void aViolationBatchWithinTheCapIsReadWhole() {
        BatchRecordViolationsRequest.Builder batch = BatchRecordViolationsRequest.newBuilder();
        for (int i = 0; i < BatchRecordViolations.MAX_ITEMS; i++) {
            batch.addRequests(RecordViolationRequest.newBuilder().setRequestId("r-" + i).setAnchorId("mia"));
        }
        assertEquals(batch.build(), parseWith(violations, BATCH_VIOLATIONS, batch.build()));
    }

    @Test
    void aViolationWithMillionsOfEmptyEvidenceRefsIsReadOnlyToTheFirstRefOverTheCap() {
        RecordViolationRequest.Builder violation = RecordViolationRequest.newBuilder().setRequestId("r-1")
                .setAnchorId("mia").setViolationType("VULGAR_LANGUAGE").setSource("moderation");
        for (int i = 0; i < 2_000_000; i++) {
            violation.addEvidenceRefs("");
        }
        RecordViolationRequest parsed = parseWith(violations,
                ViolationServiceGrpc.getRecordViolationMethod().getFullMethodName(), violation.build());
        assertEquals(RecordViolationCommand.MAX_EVIDENCE_REFS + 1, parsed.getEvidenceRefsCount());
        assertEquals("moderation", parsed.getSource(), "the fields before the refs are read");
    }

    @SuppressWarnings("unchecked")
    private static <T extends Message> T parseWith(ServerServiceDefinition definition, String method, T request) {
        MethodDescriptor<T, ?> descriptor = (MethodDescriptor<T, ?>) definition.getMethod(method).getMethodDescriptor();
        return descriptor.parseRequest(new ByteArrayInputStream(request.toByteArray()));
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
