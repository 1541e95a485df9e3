package com.anchorhealth.server;

import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.PreconditionFailure;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions on the error model: codes with their google.rpc details. */
final class StatusAssertions {
    private StatusAssertions() {
    }

    static void assertPrecondition(Runnable call, String type) {
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, call::run);
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        assertEquals(Code.FAILED_PRECONDITION_VALUE, status.getCode());
        assertTrue(status.getDetailsList().stream().anyMatch(detail -> detail.is(PreconditionFailure.class)),
                "PreconditionFailure detail");
        assertTrue(status.toString().contains(type), status.toString());
    }

    static void assertFieldViolation(StatusRuntimeException error, String field) {
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        assertEquals(Code.INVALID_ARGUMENT_VALUE, status.getCode());
        List<String> fields = status.getDetailsList().stream()
                .filter(detail -> detail.is(BadRequest.class))
                .flatMap(detail -> {
                    try {
                        return detail.unpack(BadRequest.class).getFieldViolationsList().stream();
                    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                        throw new AssertionError(e);
                    }
                })
                .map(BadRequest.FieldViolation::getField)
                .toList();
        assertTrue(fields.contains(field), "field violations " + fields + " name " + field);
    }
}
