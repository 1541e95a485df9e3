package com.anchorhealth.server;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.health.v1.HealthGrpc;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the open gRPC health watches so that stopping the server can end them: gRPC's health service
 * never closes a watch, even after its terminal state, so a server that waits for its calls to finish
 * would wait out its whole grace period for each connected load balancer or prober.
 */
final class HealthWatches implements ServerInterceptor {
    private static final String WATCH = HealthGrpc.getWatchMethod().getFullMethodName();

    private final Set<EndableCall<?, ?>> open = ConcurrentHashMap.newKeySet();

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (!call.getMethodDescriptor().getFullMethodName().equals(WATCH)) {
            return next.startCall(call, headers);
        }
        EndableCall<Q, R> endable = new EndableCall<>(call);
        open.add(endable);
        return new SimpleForwardingServerCallListener<>(next.startCall(endable, headers)) {
            @Override
            public void onCancel() {
                open.remove(endable);
                super.onCancel();
            }
        };
    }

    /** Ends every open watch with UNAVAILABLE, after their last status was sent; returns how many it ended. */
    int endAll() {
        List<EndableCall<?, ?>> ending = List.copyOf(open);
        ending.forEach(call -> call.close(Status.UNAVAILABLE.withDescription("the server is stopping"),
                new Metadata()));
        return ending.size();
    }

    /** A call whose messages and close come from the health service's thread or from {@link #endAll}, one at a time. */
    private final class EndableCall<Q, R> extends SimpleForwardingServerCall<Q, R> {
        private boolean closed;

        EndableCall(ServerCall<Q, R> call) {
            super(call);
        }

        @Override
        public synchronized void sendHeaders(Metadata headers) {
            if (!closed) {
                super.sendHeaders(headers);
            }
        }

        @Override
        public synchronized void sendMessage(R message) {
            if (!closed) {
                super.sendMessage(message);
            }
        }

        @Override
        public synchronized void close(Status status, Metadata trailers) {
            open.remove(this);
            if (!closed) {
                closed = true;
                super.close(status, trailers);
            }
        }
    }
}
