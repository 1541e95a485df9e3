package com.anchorhealth.adapter.grpc;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Last resort: an exception escaping a handler would reach the caller as UNKNOWN with no message;
 * this closes the call with INTERNAL and a generic message instead, and logs what happened.
 */
public final class UnexpectedErrorInterceptor implements ServerInterceptor {
    private static final Logger LOG = Logger.getLogger(UnexpectedErrorInterceptor.class.getName());

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        ServerCall.Listener<Q> delegate = next.startCall(call, headers);
        // Each event guarded in place, with no lambda: every call of every method passes here.
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
            @Override
            public void onMessage(Q message) {
                try {
                    super.onMessage(message);
                } catch (RuntimeException e) {
                    fail(call, e);
                }
            }

            @Override
            public void onHalfClose() {
                try {
                    super.onHalfClose();
                } catch (RuntimeException e) {
                    fail(call, e);
                }
            }
        };
    }

    private static void fail(ServerCall<?, ?> call, RuntimeException e) {
        LOG.log(Level.SEVERE, "unexpected error in " + call.getMethodDescriptor().getFullMethodName(), e);
        call.close(Status.INTERNAL.withDescription("internal error"), new Metadata());
    }
}
