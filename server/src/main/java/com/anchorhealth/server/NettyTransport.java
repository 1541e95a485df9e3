package com.anchorhealth.server;

import io.grpc.InsecureServerCredentials;
import io.grpc.ServerBuilder;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** TCP via Netty, with TLS when a certificate is configured, and mutual TLS when a client CA is. */
final class NettyTransport implements ServerTransport {
    /** Batches of 1000 violations fit; anything far larger is a mistake or an attack. */
    static final int MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;
    /** The most often a client may ping: gRPC clients' own minimum. */
    static final long PERMIT_KEEP_ALIVE_SECONDS = 10;

    private final Settings settings;

    NettyTransport(Settings settings) {
        this.settings = settings;
    }

    /** Throws {@link SettingsException} when the TLS files are not a usable certificate, key and CA. */
    @Override
    public ServerBuilder<?> builder() {
        NettyServerBuilder builder;
        try {
            builder = NettyServerBuilder.forAddress(new InetSocketAddress(settings.host(), settings.port()), credentials());
        } catch (IOException | IllegalArgumentException e) {
            throw new SettingsException("--tls-cert, --tls-key and --tls-client-ca must be a PEM certificate chain, "
                    + "its PKCS#8 key and PEM CA certificates: " + e.getMessage());
        }
        ServingLimits limits = settings.limits();
        return builder
                .maxInboundMessageSize(MAX_INBOUND_MESSAGE_BYTES)
                .maxConcurrentCallsPerConnection(limits.maxCallsPerConnection())
                .maxConnectionIdle(limits.maxConnectionIdle().toMillis(), TimeUnit.MILLISECONDS)
                .maxConnectionAge(limits.maxConnectionAge().toMillis(), TimeUnit.MILLISECONDS)
                .maxConnectionAgeGrace(limits.maxConnectionAgeGrace().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTime(limits.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
                .keepAliveTimeout(limits.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .permitKeepAliveTime(PERMIT_KEEP_ALIVE_SECONDS, TimeUnit.SECONDS);
    }

    private ServerCredentials credentials() throws IOException {
        if (settings.tlsCert().isEmpty()) {
            return InsecureServerCredentials.create();
        }
        TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder()
                .keyManager(settings.tlsCert().get().toFile(), settings.tlsKey().orElseThrow().toFile());
        if (settings.tlsClientCa().isPresent()) {
            tls.trustManager(settings.tlsClientCa().get().toFile()).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
        }
        return tls.build();
    }

    @Override
    public String describe(int boundPort) {
        String security = settings.tlsCert().isEmpty() ? "plaintext" : settings.tlsClientCa().isEmpty() ? "TLS" : "mutual TLS";
        return security + " " + settings.host() + ":" + boundPort;
    }
}
