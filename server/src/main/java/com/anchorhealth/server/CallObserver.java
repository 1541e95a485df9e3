package com.anchorhealth.server;

import com.anchorhealth.adapter.grpc.Callers;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.LongAdder;

/**
 * The outermost interceptor: counts the calls in flight, and writes one access line per call when it
 * closes (method, status code, latency, actor, request id), refused calls included. It never logs
 * what callers wrote in other fields: statements, evidence and notes stay out of the logs.
 */
final class CallObserver implements ServerInterceptor {
    static final String ACCESS_LOGGER = "anchorhealth.access";
    /** Request ids are at most 128 characters when valid; an invalid one is cut before it is logged. */
    static final int MAX_LOGGED_REQUEST_ID = 128;
    private static final Logger ACCESS = LoggerFactory.getLogger(ACCESS_LOGGER);

    /** Ends a call once, whichever of close and cancellation comes first (a field, not an object a call). */
    private static final VarHandle FINISHED;

    static {
        try {
            FINISHED = MethodHandles.lookup().findVarHandle(ObservedCall.class, "finished", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Counted by every transport thread at once: an adder's cells spare them one contended counter. */
    private final LongAdder inFlight = new LongAdder();

    CallObserver(MeterRegistry registry) {
        Gauge.builder("grpc.server.calls.in.flight", inFlight, LongAdder::sum)
                .description("gRPC calls started and not yet closed, streams included")
                .register(registry);
    }

    /** Calls started and not yet closed, streams included. */
    long inFlight() {
        return inFlight.sum();
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
                                                       ServerCallHandler<Q, R> next) {
        long started = System.nanoTime();
        inFlight.increment();
        ObservedCall<Q, R> observed = new ObservedCall<>(call, started);
        return new SimpleForwardingServerCallListener<>(next.startCall(observed, headers)) {
            @Override
            public void onMessage(Q message) {
                observed.noteRequestId(message);
                super.onMessage(message);
            }

            @Override
            public void onCancel() {
                // The caller went away (or its deadline passed) before the service closed the call.
                observed.finish(Status.Code.CANCELLED);
                super.onCancel();
            }
        };
    }

    private final class ObservedCall<Q, R> extends SimpleForwardingServerCall<Q, R> {
        private final long started;
        @SuppressWarnings("unused") // through FINISHED
        private volatile boolean finished;
        private volatile String requestId = "";

        ObservedCall(ServerCall<Q, R> call, long started) {
            super(call);
            this.started = started;
        }

        void noteRequestId(Object message) {
            if (requestId.isEmpty() && message instanceof Message request) {
                FieldDescriptor field = request.getDescriptorForType().findFieldByName("request_id");
                if (field != null && field.getType() == FieldDescriptor.Type.STRING) {
                    String id = (String) request.getField(field);
                    requestId = id.length() > MAX_LOGGED_REQUEST_ID ? id.substring(0, MAX_LOGGED_REQUEST_ID) : id;
                }
            }
        }

        @Override
        public void close(Status status, Metadata trailers) {
            finish(status.getCode());
            super.close(status, trailers);
        }

        /** The first of close and cancellation ends the call; the other finds it ended. */
        void finish(Status.Code code) {
            if (!FINISHED.compareAndSet(this, false, true)) {
                return;
            }
            inFlight.decrement();
            if (ACCESS.isInfoEnabled()) {
                long micros = (System.nanoTime() - started) / 1000;
                ACCESS.atInfo()
                        .addKeyValue("method", getMethodDescriptor().getFullMethodName())
                        .addKeyValue("code", code.name())
                        .addKeyValue("latency_ms", micros / 1000.0)
                        .addKeyValue("actor", Callers.actor())
                        .addKeyValue("request_id", requestId)
                        .log("call");
            }
        }
    }
}
