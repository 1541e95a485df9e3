package com.anchorhealth.server;

import com.anchorhealth.adapter.grpc.GrpcErrors;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.StatusRuntimeException;

import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;

/**
 * Calls of the services that use the database run on the bounded pool of blocking handlers; every
 * other call (capability checks from memory, the change feed's subscriptions, health, reflection)
 * stays on the transport thread that read it, so it never queues behind a database call. So does
 * RecordViolation, which only queues its violation for the group-commit writers and is answered
 * when they have written it: a handler thread would add two thread switches to the hot write and
 * make violations wait behind other calls' blocked writes. gRPC looks the executor up on the
 * server's default executor, which therefore must never block.
 *
 * <p>When {@code maxQueuedCalls} calls already wait for a handler thread, a new database call is
 * not queued: it stays on the transport thread, marked, and the interceptor half of this class
 * answers it RESOURCE_EXHAUSTED with RetryInfo before it is read. A flood of one kind of call thus
 * costs the others at most the bounded queue's wait.
 */
final class DatabaseCallsOffloaded implements ServerCallExecutorSupplier, ServerInterceptor {
    /** Set by the executor lookup, read by the interceptor; a caller's own value is discarded. */
    private static final Metadata.Key<String> OVERFLOW = Metadata.Key.of("anchor-health-queue-overflow",
            Metadata.ASCII_STRING_MARSHALLER);

    /** Database calls that never block the thread that starts them: they queue their work and answer when it is done. */
    static final Set<String> QUEUED_ELSEWHERE = Set.of(ViolationServiceGrpc.getRecordViolationMethod().getFullMethodName());

    private final ThreadPoolExecutor blockingHandlers;
    private final int maxQueuedCalls;

    DatabaseCallsOffloaded(ThreadPoolExecutor blockingHandlers, int maxQueuedCalls) {
        this.blockingHandlers = blockingHandlers;
        this.maxQueuedCalls = maxQueuedCalls;
    }

    @Override
    public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
        headers.discardAll(OVERFLOW);
        String service = call.getMethodDescriptor().getServiceName();
        if (!DatabaseHealth.DATABASE_SERVICES.contains(service)
                || QUEUED_ELSEWHERE.contains(call.getMethodDescriptor().getFullMethodName())) {
            return null;
        }
        // A call's work enters the queue as one task at a time, so its length counts waiting calls.
        if (blockingHandlers.getQueue().size() >= maxQueuedCalls) {
            headers.put(OVERFLOW, "true");
            return null;
        }
        return blockingHandlers;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (!headers.containsKey(OVERFLOW)) {
            return next.startCall(call, headers);
        }
        StatusRuntimeException refusal = GrpcErrors.overloaded("the server's queue of database calls is full");
        call.close(refusal.getStatus(), refusal.getTrailers());
        return new ServerCall.Listener<>() {
        };
    }
}
