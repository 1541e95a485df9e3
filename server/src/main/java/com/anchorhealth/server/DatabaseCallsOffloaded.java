package com.anchorhealth.server;

import com.anchorhealth.adapter.grpc.GrpcErrors;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Calls of the services that use the database run on the bounded pool of blocking handlers: the rest
 * of the interceptors and the handler get each of the call's events in order, one at a time, on that
 * pool. Every other call (capability checks from memory, the change feed's subscriptions, health,
 * reflection) stays on the transport thread that read it, so it never queues behind a database call.
 * So does RecordViolation, which only queues its violation for the group-commit writers and is
 * answered when they have written it: a handler thread would add two thread switches to the hot
 * write and make violations wait behind other calls' blocked writes.
 *
 * <p>The server itself runs every call on the transport thread (its direct executor, with no call
 * executor supplier): given a supplier, gRPC serves every call, the checks too, through a queue of its
 * events and a deframer that can move between threads. So the hop to the pool is made here, for the
 * calls that need it.
 *
 * <p>When {@code maxQueuedCalls} calls already wait for a handler thread, a new database call is not
 * queued: it is answered RESOURCE_EXHAUSTED with RetryInfo before it is read. A flood of one kind of
 * call thus costs the others at most the bounded queue's wait.
 */
final class DatabaseCallsOffloaded implements ServerInterceptor {
    private static final Logger LOG = Logger.getLogger(DatabaseCallsOffloaded.class.getName());

    /** Database calls that never block the thread that starts them: they queue their work and answer when it is done. */
    static final Set<String> QUEUED_ELSEWHERE = Set.of(ViolationServiceGrpc.getRecordViolationMethod().getFullMethodName());

    private final ThreadPoolExecutor blockingHandlers;
    private final int maxQueuedCalls;

    DatabaseCallsOffloaded(ThreadPoolExecutor blockingHandlers, int maxQueuedCalls) {
        this.blockingHandlers = blockingHandlers;
        this.maxQueuedCalls = maxQueuedCalls;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (!offloaded(call.getMethodDescriptor())) {
            return next.startCall(call, headers);
        }
        // A call's events enter the queue as one task at a time, so its length counts waiting calls.
        if (blockingHandlers.getQueue().size() >= maxQueuedCalls) {
            StatusRuntimeException refusal = GrpcErrors.overloaded("the server's queue of database calls is full");
            call.close(refusal.getStatus(), refusal.getTrailers());
            return new ServerCall.Listener<>() {
            };
        }
        return new OffloadedCall<>(call, headers, next, MoreExecutors.newSequentialExecutor(blockingHandlers),
                Context.current());
    }

    private static boolean offloaded(MethodDescriptor<?, ?> method) {
        return DatabaseHealth.DATABASE_SERVICES.contains(method.getServiceName())
                && !QUEUED_ELSEWHERE.contains(method.getFullMethodName());
    }

    /**
     * A call's events, from its start on, each run on the pool in the call's context, in the order
     * they came, one after the other (the sequential executor orders them and publishes each one's
     * writes to the next).
     */
    private static final class OffloadedCall<Q, R> extends ServerCall.Listener<Q> {
        private final ServerCall<Q, R> call;
        private final Executor events;
        private final Context context;
        /** Set by the first event, the start; read by the later ones. */
        private ServerCall.Listener<Q> started;
        private boolean failed;

        OffloadedCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next, Executor events,
                      Context context) {
            this.call = call;
            this.events = events;
            this.context = context;
            run(() -> started = next.startCall(call, headers));
        }

        @Override
        public void onMessage(Q message) {
            run(() -> started.onMessage(message));
        }

        @Override
        public void onHalfClose() {
            run(() -> started.onHalfClose());
        }

        @Override
        public void onCancel() {
            run(() -> started.onCancel());
        }

        @Override
        public void onComplete() {
            run(() -> started.onComplete());
        }

        @Override
        public void onReady() {
            run(() -> started.onReady());
        }

        /**
         * Runs the event unless an earlier one failed. A failure that escaped the interceptors within
         * closes the call, as gRPC closes a call whose listener throws.
         */
        private void run(Runnable event) {
            events.execute(context.wrap(() -> {
                if (failed) {
                    return;
                }
                try {
                    event.run();
                } catch (RuntimeException | Error e) {
                    failed = true;
                    LOG.log(Level.SEVERE, "unexpected error in " + call.getMethodDescriptor().getFullMethodName(), e);
                    call.close(Status.INTERNAL.withDescription("internal error"), new Metadata());
                }
            }));
        }
    }
}
