package com.anchorhealth.server;

import com.anchorhealth.adapter.access.BearerTokens;
import com.anchorhealth.application.write.ForgetOldRequestKeys;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The production transport over TCP with the test certificates of src/test/resources/tls. */
class TlsTest {
    private static final Path CA = TestResources.path("/tls/ca.pem");

    private AnchorHealthServer server;
    private ManagedChannel channel;

    @AfterEach
    void stop() throws InterruptedException {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void aClientThatTrustsTheCaConnectsOverTls() throws IOException {
        start(Optional.empty());
        assertServing(TlsChannelCredentials.newBuilder().trustManager(CA.toFile()).build());
    }

    @Test
    void withAClientCaAClientCertificateIsRequired() throws IOException {
        start(Optional.of(CA));
        assertServing(TlsChannelCredentials.newBuilder().trustManager(CA.toFile())
                .keyManager(TestResources.path("/tls/client.pem").toFile(), TestResources.path("/tls/client.key").toFile())
                .build());

        channel.shutdownNow();
        channel = connect(TlsChannelCredentials.newBuilder().trustManager(CA.toFile()).build());
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                () -> HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()));
        assertEquals(Status.Code.UNAVAILABLE, refused.getStatus().getCode());
    }

    @Test
    void aKeyThatIsNoKeyStopsTheServerWithOneLineReason() {
        Settings settings = settings(TestResources.path("/tls/ca.pem"), Optional.empty());
        SettingsException error = assertThrows(SettingsException.class, () -> start(settings));
        assertTrue(error.getMessage().startsWith("--tls-cert, --tls-key and --tls-client-ca must be"), error.getMessage());
        assertTrue(!error.getMessage().contains("\n"), error.getMessage());
    }

    private void start(Optional<Path> clientCa) throws IOException {
        start(settings(TestResources.path("/tls/server.key"), clientCa));
    }

    private void start(Settings settings) throws IOException {
        AnchorHealthServer starting = Main.create(new ServerModule(settings)).getInstance(AnchorHealthServer.class);
        starting.start();
        server = starting;
    }

    private static Settings settings(Path key, Optional<Path> clientCa) {
        return new Settings("127.0.0.1", 0, Path.of("unused"),
                Optional.of("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), "sa", "", Optional.empty(),
                Optional.of(TestResources.path("/tls/server.pem")), Optional.of(key), clientCa, BearerTokens.none(),
                Settings.DEFAULT_OUTBOX_RETENTION, Optional.empty(), false, ServingLimits.DEFAULTS,
                ForgetOldRequestKeys.DEFAULT_RETENTION);
    }

    private void assertServing(ChannelCredentials credentials) {
        channel = connect(credentials);
        assertEquals(HealthCheckResponse.ServingStatus.SERVING,
                HealthGrpc.newBlockingStub(channel).check(HealthCheckRequest.getDefaultInstance()).getStatus());
    }

    private ManagedChannel connect(ChannelCredentials credentials) {
        return Grpc.newChannelBuilderForAddress("localhost", server.port(), credentials).build();
    }
}
