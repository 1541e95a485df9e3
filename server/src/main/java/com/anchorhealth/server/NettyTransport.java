package com.anchorhealth.server;

import io.grpc.ServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** TCP via Netty, with TLS when a certificate is configured. */
final class NettyTransport implements ServerTransport {
    /** Batches of 1000 violations fit; anything far larger is a mistake or an attack. */
    static final int MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;
    static final int MAX_CONCURRENT_CALLS_PER_CONNECTION = 1000;

    private final Settings settings;

    NettyTransport(Settings settings) {
        this.settings = settings;
    }

    @Override
    public ServerBuilder<?> builder() {
        NettyServerBuilder builder = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()))
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .maxConcurrentCallsPerConnection(MAX_CONCURRENT_CALLS_PER_CONNECTION)
                .permitKeepAliveTime(10, TimeUnit.SECONDS);
        if (settings.tlsCert().isPresent()) {
            builder.useTransportSecurity(settings.tlsCert().get().toFile(), settings.tlsKey().orElseThrow().toFile());
        }
        return builder;
    }

    @Override
    public String describe(int boundPort) {
        return (settings.tlsCert().isPresent() ? "TLS " : "plaintext ") + settings.host() + ":" + boundPort;
    }
}
