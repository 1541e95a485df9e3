package com.anchorhealth.adapter.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most {@code max} calls of one method open at once, server-wide: what anyone may call without a
 * token (health's Watch streams, the public notices) must not let anyone hold the server's memory or
 * its handler threads. Beyond the limit a call is RESOURCE_EXHAUSTED with RetryInfo, before it is read.
 */
public final class ConcurrentCallLimit implements ServerInterceptor {
    private final String fullMethodName;
    private final int max;
    private final boolean perCaller;
    private final Map<String, AtomicInteger> openByCaller = new ConcurrentHashMap<>();

    /** At most {@code max} calls of the method open at once, whoever makes them. */
    public ConcurrentCallLimit(String fullMethodName, int max) {
        this(fullMethodName, max, false);
    }

    private ConcurrentCallLimit(String fullMethodName, int max, boolean perCaller) {
        this.fullMethodName = fullMethodName;
        this.max = max;
        this.perCaller = perCaller;
    }

    /**
     * At most {@code max} calls of the method open at once for each caller (the actor its token names),
     * so that one caller cannot take what the others need. Runs after the caller is authorized.
     */
    public static ConcurrentCallLimit perCaller(String fullMethodName, int max) {
        return new ConcurrentCallLimit(fullMethodName, max, true);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        if (!call.getMethodDescriptor().getFullMethodName().equals(fullMethodName)) {
            return next.startCall(call, headers);
        }
        String caller = perCaller ? Callers.actor() : "";
        AtomicInteger open = openByCaller.computeIfAbsent(caller, key -> new AtomicInteger());
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            StatusRuntimeException refusal = GrpcErrors.overloaded(max + " " + fullMethodName + " calls are open"
                    + (perCaller ? " for " + caller : ""));
            call.close(refusal.getStatus(), refusal.getTrailers());
            return new ServerCall.Listener<>() {
            };
        }
        AtomicBoolean released = new AtomicBoolean();
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                open.decrementAndGet();
            }
        };
        ServerCall<Q, R> counted = new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
            @Override
            public void close(Status status, Metadata trailers) {
                release.run();
                super.close(status, trailers);
            }
        };
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(counted, headers)) {
            @Override
            public void onCancel() {
                release.run();
                super.onCancel();
            }

            @Override
            public void onComplete() {
                release.run();
                super.onComplete();
            }
        };
    }

}
