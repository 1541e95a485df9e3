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
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
            @Override
            public void onMessage(Q message) {
                guard(() -> super.onMessage(message));
            }

            @Override
            public void onHalfClose() {
                guard(super::onHalfClose);
            }

            private void guard(Runnable step) {
                try {
                    step.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.SEVERE, "unexpected error in " + call.getMethodDescriptor().getFullMethodName(), e);
                    call.close(Status.INTERNAL.withDescription("internal error"), new Metadata());
                }
            }
        };
    }
}
