package com.anchorhealth.adapter.grpc;

import com.anchorhealth.application.error.AlreadyExistsException;
import com.anchorhealth.application.error.FailedPreconditionException;
import com.anchorhealth.application.error.FieldViolation;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.error.PermissionDeniedException;
import com.anchorhealth.application.error.StoreConflictException;
import com.anchorhealth.application.error.StoreUnavailableException;
import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.ResourceInfo;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import io.grpc.Context;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GrpcErrorsTest {

    @Test
    void anInvalidRequestListsEveryBadFieldInBadRequest() throws InvalidProtocolBufferException {
        Status status = GrpcErrors.toStatus(new InvalidRequestException(List.of(
                new FieldViolation("anchor.level", "must be from 1 to 4"),
                new FieldViolation("request_id", "must be 1-128 printable ASCII characters"))));
        assertEquals(Code.INVALID_ARGUMENT_VALUE, status.getCode());
        BadRequest badRequest = detail(status, BadRequest.class);
        assertEquals(List.of("anchor.level", "request_id"), badRequest.getFieldViolationsList().stream()
                .map(BadRequest.FieldViolation::getField).toList());
        assertEquals("INVALID_FIELD", detail(status, ErrorInfo.class).getReason());
    }

    /** A default client reads at most 8 KiB of metadata, where the message and the details travel. */
    @Test
    void anErrorStaysShortWhateverTheCallerSent() throws InvalidProtocolBufferException {
        List<FieldViolation> violations = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            violations.add(new FieldViolation("filter", "cannot read '" + "x".repeat(5000) + "'"));
        }
        Status status = GrpcErrors.toStatus(new InvalidRequestException(violations));
        assertTrue(status.getMessage().length() <= GrpcErrors.MAX_TEXT, status.getMessage().length() + " characters");
        BadRequest badRequest = detail(status, BadRequest.class);
        assertEquals(GrpcErrors.MAX_FIELD_VIOLATIONS, badRequest.getFieldViolationsCount());
        assertTrue(badRequest.getFieldViolations(0).getDescription().length() <= GrpcErrors.MAX_TEXT);
        assertTrue(status.getSerializedSize() * 4 / 3 + status.getMessage().length() < 8 * 1024,
                status.getSerializedSize() + " bytes");
    }

    @Test
    void aMissingResourceIsNotFoundWithResourceInfo() throws InvalidProtocolBufferException {
        Status status = GrpcErrors.toStatus(new NotFoundException("Anchor", "anchors/mia"));
        assertEquals(Code.NOT_FOUND_VALUE, status.getCode());
        assertEquals("anchors/mia", detail(status, ResourceInfo.class).getResourceName());
        assertEquals("ANCHOR_NOT_FOUND", detail(status, ErrorInfo.class).getReason());
    }

    @Test
    void aReusedRequestIdIsAlreadyExists() throws InvalidProtocolBufferException {
        Status status = GrpcErrors.toStatus(new AlreadyExistsException(AlreadyExistsException.REQUEST_ID_REUSED,
                "anchors/mia/violations/v1", "reused"));
        assertEquals(Code.ALREADY_EXISTS_VALUE, status.getCode());
        assertEquals("REQUEST_ID_REUSED", detail(status, ErrorInfo.class).getReason());
    }

    /** The rule that refuses, and the values its message tells, are machine-readable in ErrorInfo. */
    @Test
    void aRefusalByTheStateOrARuleCarriesItsReasonAndValues() throws InvalidProtocolBufferException {
        Status precondition = GrpcErrors.toStatus(new FailedPreconditionException("ANCHOR_IN_ANOTHER_GUILD",
                "anchors/mia", "mia belongs to guild moons", Map.of("guild", "moons")));
        assertEquals(Code.FAILED_PRECONDITION_VALUE, precondition.getCode());
        ErrorInfo info = detail(precondition, ErrorInfo.class);
        assertEquals("ANCHOR_IN_ANOTHER_GUILD", info.getReason());
        assertEquals(Map.of("guild", "moons"), info.getMetadataMap());
        assertEquals("anchors/mia", detail(precondition, PreconditionFailure.class).getViolations(0).getSubject());

        Status denied = GrpcErrors.toStatus(new PermissionDeniedException("DECIDER_MANAGES_GUILD",
                "desk manages guild moons", Map.of("guild", "moons")));
        assertEquals(Code.PERMISSION_DENIED_VALUE, denied.getCode());
        assertEquals("DECIDER_MANAGES_GUILD", detail(denied, ErrorInfo.class).getReason());
        assertEquals("moons", detail(denied, ErrorInfo.class).getMetadataOrThrow("guild"));
    }

    @Test
    void storeTroubleIsUnavailableOrAbortedWithRetryInfo() throws InvalidProtocolBufferException {
        Status down = GrpcErrors.toStatus(new StoreUnavailableException("down", null));
        assertEquals(Code.UNAVAILABLE_VALUE, down.getCode());
        assertEquals(1, detail(down, RetryInfo.class).getRetryDelay().getSeconds());
        assertEquals(Code.ABORTED_VALUE, GrpcErrors.toStatus(new StoreConflictException("lost", null)).getCode());
    }

    @Test
    void anythingElseIsInternalWithoutItsDetails() {
        Status status = GrpcErrors.toStatus(new IllegalStateException("secret table name"));
        assertEquals(Code.INTERNAL_VALUE, status.getCode());
        assertFalse(status.getMessage().contains("secret"));
        assertEquals(status, StatusProto.fromThrowable(GrpcErrors.toException(new IllegalStateException("x")))
                .toBuilder().setMessage(status.getMessage()).build());
    }

    private static <T extends com.google.protobuf.Message> T detail(Status status, Class<T> type)
            throws InvalidProtocolBufferException {
        for (Any detail : status.getDetailsList()) {
            if (detail.is(type)) {
                return detail.unpack(type);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + status);
    }

    @Test
    void aCallCancelledWhileItWaitedForAThreadIsNotStarted() {
        Context.CancellableContext cancelled = Context.current().withCancellation();
        cancelled.cancel(null);
        AtomicBoolean started = new AtomicBoolean();
        List<Object> answers = new ArrayList<>();
        StreamObserver<String> observer = new StreamObserver<>() {
            @Override
            public void onNext(String value) {
                answers.add(value);
            }

            @Override
            public void onError(Throwable error) {
                answers.add(io.grpc.Status.fromThrowable(error).getCode());
            }

            @Override
            public void onCompleted() {
            }
        };
        cancelled.run(() -> GrpcErrors.respond(observer, () -> {
            started.set(true);
            return "written";
        }));
        assertFalse(started.get());
        assertEquals(List.of(io.grpc.Status.Code.CANCELLED), answers);
    }
}
