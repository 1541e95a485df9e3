package com.anchorhealth.bench;

import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.Decision;
import com.anchorhealth.api.v1.Tier;
import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.stub.StreamObserver;


import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: a bare grpc-java server that serves {@code grpc.health.v1.Health}, over the same
 * Netty transport options and the same kind of handler pool as the real server, so that a ratio
 * against it isolates the work of the service itself. It also answers CheckCapability with one
 * prebuilt {@code Decision} whatever it is asked, through the generated stub: the same messages on
 * the wire as the real service's, with no service behind them.
 */
public final class BareHealthServer implements AutoCloseable {
    /** A typical answer: a known anchor's id of the benchmark's length, allowed at a full score. */
    private static final Decision DECISION = Decision.newBuilder().setAllowed(true).setEnforced(true)
            .setAllowedIfEnforced(true).setTier(Tier.NORMAL).setScore(100).setReason(Decision.Reason.TIER_ALLOWS)
            .setPolicyVersion(1).setKnownAnchor(true).setAnchorId(BulkAnchors.anchorId(5_000))
            .setCapability(Capability.PK).setInScope(true).build();

    private final Server server;
    private final ExecutorService handlers;

    public BareHealthServer(int handlerThreads, int maxConcurrentCallsPerConnection, int maxInboundMessageBytes)
            throws IOException {
        this(handlerThreads, maxConcurrentCallsPerConnection, maxInboundMessageBytes, false);
    }

    /** With {@code direct}, calls run on the transport's threads (as a server that offloads only blocking calls). */
    public BareHealthServer(int handlerThreads, int maxConcurrentCallsPerConnection, int maxInboundMessageBytes,
                            boolean direct) throws IOException {
        HealthStatusManager health = new HealthStatusManager();
        health.setStatus("", ServingStatus.SERVING);
        handlers = Executors.newFixedThreadPool(handlerThreads, runnable -> {
            Thread thread = new Thread(runnable, "bare-health-handler");
            thread.setDaemon(true);
            return thread;
        });
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .maxInboundMessageSize(maxInboundMessageBytes)
                .maxConcurrentCallsPerConnection(maxConcurrentCallsPerConnection)
                .permitKeepAliveTime(10, TimeUnit.SECONDS)
                .addService(health.getHealthService())
                .addService(new CapabilityServiceGrpc.CapabilityServiceImplBase() {
                    @Override
                    public void checkCapability(CheckCapabilityRequest request, StreamObserver<Decision> answer) {
                        answer.onNext(DECISION);
                        answer.onCompleted();
                    }
                });
        server = (direct ? builder.directExecutor() : builder.executor(handlers)).build().start();
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        handlers.shutdownNow();
    }
}
