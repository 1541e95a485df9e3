package com.anchorhealth.adapter.grpc;

import com.anchorhealth.application.error.AlreadyExistsException;
import com.anchorhealth.application.error.ApplicationException;
import com.anchorhealth.application.error.DeadlineExceededException;
import com.anchorhealth.application.error.FailedPreconditionException;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.error.PermissionDeniedException;
import com.anchorhealth.application.error.StoreConflictException;
import com.anchorhealth.application.error.StoreTimeoutException;
import com.anchorhealth.application.error.StoreUnavailableException;
import com.google.protobuf.Any;
import com.google.protobuf.Duration;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import com.google.rpc.PreconditionFailure;
import com.google.rpc.ResourceInfo;
import com.google.rpc.RetryInfo;
import com.google.rpc.Status;
import io.grpc.Context;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The richer gRPC error model, in one place: every refusal becomes a {@code google.rpc.Status}
 * with details callers can read ({@code BadRequest}, {@code ResourceInfo}, {@code RetryInfo},
 * {@code ErrorInfo}); anything unexpected becomes INTERNAL with a generic message, and is logged.
 */
public final class GrpcErrors {
    static final String DOMAIN = "anchorhealth.v1";
    static final String ROLE_NOT_PERMITTED = "ROLE_NOT_PERMITTED";
    private static final Logger LOG = Logger.getLogger(GrpcErrors.class.getName());
    /** Characters of any one text of an error: ample for a reason, a few lines of a client's metadata. */
    static final int MAX_TEXT = 300;
    /** With the texts' bound, keeps an error's details well within a client's 8 KiB of metadata. */
    static final int MAX_FIELD_VIOLATIONS = 10;
    /** Long enough for a queue of calls to drain by some, short enough not to idle a caller. */
    private static final int OVERLOAD_RETRY_DELAY_NANOS = 250_000_000;

    private GrpcErrors() {
    }

    /** Answers a unary call with the result of {@code call}, or with the status its failure maps to. */
    static <T> void respond(StreamObserver<T> observer, Supplier<T> call) {
        respond(observer, Supplier::get, call);
    }

    /**
     * As {@link #respond(StreamObserver, Supplier)}, with {@code call} applied to {@code argument}: a
     * call made thousands of times a second then needs no lambda capturing its argument.
     */
    static <A, T> void respond(StreamObserver<T> observer, Function<A, T> call, A argument) {
        if (refusedBeforeStart(observer)) {
            return;
        }
        T response;
        try {
            response = call.apply(argument);
        } catch (RuntimeException e) {
            observer.onError(toException(e));
            return;
        }
        observer.onNext(response);
        observer.onCompleted();
    }

    /**
     * Answers a unary call with {@code toMessage} of what the future that {@code call} starts completes
     * with, on whichever thread completes it, so that no handler thread waits meanwhile; a caller that
     * cancels the call, or whose deadline passes, cancels the future.
     */
    static <A, T> void respondWhenDone(StreamObserver<T> observer, Supplier<CompletableFuture<A>> call,
                                       Function<A, T> toMessage) {
        if (refusedBeforeStart(observer)) {
            return;
        }
        CompletableFuture<A> answer;
        try {
            answer = call.get();
        } catch (RuntimeException e) {
            observer.onError(toException(e));
            return;
        }
        Context.current().addListener(cancelled -> answer.cancel(false), Runnable::run);
        answer.whenComplete((response, error) -> {
            if (error == null) {
                observer.onNext(toMessage.apply(response));
                observer.onCompleted();
            } else if (!(error instanceof CancellationException)) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                observer.onError(toException(cause instanceof RuntimeException failure ? failure
                        : new IllegalStateException(cause)));
            }
        });
    }

    /**
     * A call whose deadline passed, or that its caller cancelled, while it waited for a handler
     * thread is not started: nobody waits for its answer, and a write would only be found by a retry.
     */
    private static boolean refusedBeforeStart(StreamObserver<?> observer) {
        Context context = Context.current();
        if (!context.isCancelled()) {
            return false;
        }
        io.grpc.Status status = context.getDeadline() != null && context.getDeadline().isExpired()
                ? io.grpc.Status.DEADLINE_EXCEEDED.withDescription("the deadline passed before the call started")
                : io.grpc.Status.CANCELLED.withDescription("the caller cancelled the call before it started");
        observer.onError(status.asRuntimeException());
        return true;
    }

    static StatusRuntimeException toException(RuntimeException error) {
        return StatusProto.toStatusRuntimeException(toStatus(error));
    }

    /** The status a failure maps to; also used for the items of a batch. */
    public static Status toStatus(RuntimeException error) {
        if (error instanceof InvalidRequestException invalid) {
            BadRequest.Builder badRequest = BadRequest.newBuilder();
            invalid.violations().stream().limit(MAX_FIELD_VIOLATIONS).forEach(v -> badRequest.addFieldViolations(
                    BadRequest.FieldViolation.newBuilder().setField(shortened(v.field()))
                            .setDescription(shortened(v.description()))));
            return status(Code.INVALID_ARGUMENT, "invalid request: " + invalid.getMessage(), "INVALID_FIELD",
                    Any.pack(badRequest.build()));
        }
        if (error instanceof NotFoundException notFound) {
            return status(Code.NOT_FOUND, notFound.getMessage(), notFound.reason(),
                    Any.pack(ResourceInfo.newBuilder().setResourceType(notFound.resourceType())
                            .setResourceName(notFound.resourceName()).build()));
        }
        if (error instanceof AlreadyExistsException exists) {
            return status(Code.ALREADY_EXISTS, exists.getMessage(), exists.reason(),
                    Any.pack(ResourceInfo.newBuilder().setResourceName(exists.resourceName()).build()));
        }
        if (error instanceof FailedPreconditionException precondition) {
            return status(Code.FAILED_PRECONDITION, precondition.getMessage(),
                    errorInfo(precondition.type(), precondition.metadata()),
                    Any.pack(PreconditionFailure.newBuilder().addViolations(PreconditionFailure.Violation.newBuilder()
                            .setType(precondition.type()).setSubject(shortened(precondition.subject()))
                            .setDescription(shortened(precondition.getMessage()))).build()));
        }
        if (error instanceof PermissionDeniedException denied) {
            return status(Code.PERMISSION_DENIED, denied.getMessage(), errorInfo(denied.reason(), denied.metadata()));
        }
        if (error instanceof StoreUnavailableException) {
            return status(Code.UNAVAILABLE, "the database is unavailable; retry later", "DATABASE_UNAVAILABLE",
                    Any.pack(RetryInfo.newBuilder().setRetryDelay(Duration.newBuilder().setSeconds(1)).build()));
        }
        if (error instanceof DeadlineExceededException || error instanceof StoreTimeoutException) {
            return status(Code.DEADLINE_EXCEEDED, "the call's deadline, or the read timeout, passed before it was done; "
                    + "a write retried with the same request_id is written at most once", "DEADLINE_EXCEEDED");
        }
        if (error instanceof StoreConflictException) {
            return status(Code.ABORTED, "too many concurrent writes to the same records; retry", "WRITE_CONFLICT",
                    Any.pack(RetryInfo.newBuilder().setRetryDelay(Duration.newBuilder().setNanos(100_000_000)).build()));
        }
        if (error instanceof ApplicationException) {
            LOG.log(Level.SEVERE, "unmapped application error", error);
        } else {
            LOG.log(Level.SEVERE, "unexpected error", error);
        }
        return Status.newBuilder().setCode(Code.INTERNAL_VALUE).setMessage("internal error").build();
    }

    /** A call refused before it reaches a service: no valid bearer token, or a role that does not cover it. */
    static StatusRuntimeException accessRefused(Code code, String message, String reason) {
        return StatusProto.toStatusRuntimeException(status(code, message, reason));
    }

    /**
     * A call refused because the server is at a limit it keeps for the sake of every caller: the
     * caller may retry after the delay given.
     */
    public static StatusRuntimeException overloaded(String message) {
        return StatusProto.toStatusRuntimeException(status(Code.RESOURCE_EXHAUSTED, message + "; retry later",
                "SERVER_OVERLOADED", Any.pack(RetryInfo.newBuilder()
                        .setRetryDelay(Duration.newBuilder().setNanos(OVERLOAD_RETRY_DELAY_NANOS)).build())));
    }

    /**
     * Text of a caller's making (a filter, a name) can be any length; quoted whole, in the message
     * and again in the details, it would overflow a client's 8 KiB metadata limit and hide the
     * error behind RESOURCE_EXHAUSTED.
     */
    static String shortened(String text) {
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT - 1) + "…";
    }

    private static Status status(Code code, String message, String reason, Any... details) {
        return status(code, message, errorInfo(reason, Map.of()), details);
    }

    private static Status status(Code code, String message, ErrorInfo errorInfo, Any... details) {
        return Status.newBuilder()
                .setCode(code.getNumber())
                .setMessage(shortened(message))
                .addAllDetails(List.of(details))
                .addDetails(Any.pack(errorInfo))
                .build();
    }

    /** The reason and the values the message tells (the other guild, a date), each shortened like any text. */
    private static ErrorInfo errorInfo(String reason, Map<String, String> metadata) {
        ErrorInfo.Builder info = ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN);
        metadata.forEach((key, value) -> info.putMetadata(key, shortened(value)));
        return info.build();
    }
}
