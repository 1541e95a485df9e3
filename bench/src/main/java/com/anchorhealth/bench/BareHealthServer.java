package com.anchorhealth.bench;

import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: a bare grpc-java server that serves only {@code grpc.health.v1.Health}, over the same
 * Netty transport options and the same kind of handler pool as the real server, so that a ratio
 * against it isolates the work of the service itself.
 */
public final class BareHealthServer implements AutoCloseable {
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
                .addService(health.getHealthService());
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
