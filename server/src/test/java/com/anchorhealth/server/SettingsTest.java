package com.anchorhealth.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

    @Test
    void defaultsServeLoopbackOnTheEmbeddedDatabase() {
        Settings settings = Settings.parse(List.of(), Map.of());
        assertEquals("127.0.0.1", settings.host());
        assertEquals(50051, settings.port());
        assertEquals(Path.of("data"), settings.dataDir());
        assertEquals(Optional.empty(), settings.databaseUrl());
        assertEquals("sa", settings.databaseUser());
        assertEquals(Duration.ofDays(7), settings.outboxRetention());
        assertEquals(Duration.ofDays(30), settings.requestKeyRetention());
    }

    @Test
    void theOutboxRetentionComesFromTheFlagOrTheEnvironmentInHours() {
        assertEquals(Duration.ofHours(24), Settings.parse(List.of(),
                Map.of("ANCHOR_HEALTH_OUTBOX_RETENTION_HOURS", "24")).outboxRetention());
        assertEquals(Duration.ofHours(1), Settings.parse(List.of("--outbox-retention-hours=1"),
                Map.of("ANCHOR_HEALTH_OUTBOX_RETENTION_HOURS", "24")).outboxRetention());
        assertEquals(Duration.ofDays(2), Settings.parse(List.of("--request-key-retention-days", "2"), Map.of())
                .requestKeyRetention());
    }

    @Test
    void theChangeFeedIsRelayedToKafkaOnlyWhenBootstrapServersAreSet() {
        assertEquals(Optional.empty(), Settings.parse(List.of("--kafka-topic", "changes"), Map.of()).kafka());
        assertEquals(Optional.of(new Settings.KafkaRelaySettings("k1:9092,k2:9092", "anchorhealth.standing-changes.v1")),
                Settings.parse(List.of(), Map.of("ANCHOR_HEALTH_KAFKA_BOOTSTRAP_SERVERS", "k1:9092,k2:9092")).kafka());
        assertEquals(Optional.of(new Settings.KafkaRelaySettings("k1:9092", "standings")),
                Settings.parse(List.of("--kafka-bootstrap-servers", "k1:9092", "--kafka-topic=standings"), Map.of())
                        .kafka());
        SettingsException error = assertThrows(SettingsException.class, () -> Settings.parse(
                List.of("--kafka-bootstrap-servers", "k1:9092", "--kafka-topic", "standing changes"), Map.of()));
        assertTrue(error.getMessage().startsWith("--kafka-topic must be"), error.getMessage());
    }

    @Test
    void flagsOverrideEnvironmentVariables() {
        Settings settings = Settings.parse(List.of("--port", "7000", "--data-dir=/tmp/ah"),
                Map.of("ANCHOR_HEALTH_PORT", "6000", "ANCHOR_HEALTH_DATABASE_URL", "jdbc:mariadb://db:3306/ah"));
        assertEquals(7000, settings.port());
        assertEquals(Path.of("/tmp/ah"), settings.dataDir());
        assertEquals(Optional.of("jdbc:mariadb://db:3306/ah"), settings.databaseUrl());
        assertEquals("root", settings.databaseUser(), "MySQL/MariaDB default user");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--port|70000|--port must be a whole number from 0 to 65535",
            "--port|abc|--port must be a whole number from 0 to 65535",
            "--database-url|postgres://x|--database-url must start with",
            "--policy|/no/such/file.json|--policy /no/such/file.json is not a readable file",
            "--tls-cert|/no/such/cert.pem|--tls-cert and --tls-key go together",
            "--host|8.8.8.8|refusing to listen on 8.8.8.8 without bearer tokens",
            "--host|0.0.0.0|refusing to listen on 0.0.0.0 without bearer tokens: anyone who reaches it could call "
                    + "every method; pass --tokens FILE, or listen on a loopback address",
            "--tokens|/no/such/tokens|--tokens /no/such/tokens is not a readable file",
            "--tls-client-ca|/no/such/ca.pem|--tls-client-ca needs --tls-cert and --tls-key",
            "--colour|red|unknown flag --colour",
            "--outbox-retention-hours|0|--outbox-retention-hours must be a whole number from 1 to 87600",
            "--outbox-retention-hours|87601|--outbox-retention-hours must be a whole number from 1 to 87600",
            "--outbox-retention-hours|1.5|--outbox-retention-hours must be a whole number from 1 to 87600",
            "--request-key-retention-days|0|--request-key-retention-days must be a whole number from 1 to 3650",
            "--request-key-retention-days|3651|--request-key-retention-days must be a whole number from 1 to 3650",
            "--max-queued-calls|-1|--max-queued-calls must be a whole number from 0 to 1000000",
            "--keepalive-time-seconds|5|--keepalive-time-seconds must be a whole number from 10 to 86400",
            "--max-connection-idle-seconds|0|--max-connection-idle-seconds must be a whole number from 1 to 86400",
            "--allow-plaintext-tokens|yes|--allow-plaintext-tokens must be true or false, not 'yes'",
    })
    void aBadSettingIsRefusedWithOneLineReason(String flag, String value, String reason) {
        SettingsException error = assertThrows(SettingsException.class,
                () -> Settings.parse(List.of(flag, value), Map.of()));
        assertTrue(error.getMessage().startsWith(reason), error.getMessage());
        assertTrue(!error.getMessage().contains("\n"));
    }

    @Test
    void withBearerTokensAnyAddressMayBeServedOverTls() {
        Settings settings = Settings.parse(List.of("--host", "0.0.0.0", "--tls-cert",
                        TestResources.path("/tls/server.pem").toString(), "--tls-key",
                        TestResources.path("/tls/server.key").toString()),
                Map.of("ANCHOR_HEALTH_TOKENS", TestResources.TOKENS.toString()));
        assertEquals("0.0.0.0", settings.host());
        assertEquals(8, settings.tokens().size());
    }

    @Test
    void bearerTokensInPlaintextOffLoopbackNeedAnExplicitSetting() {
        Map<String, String> tokens = Map.of("ANCHOR_HEALTH_TOKENS", TestResources.TOKENS.toString());
        SettingsException error = assertThrows(SettingsException.class,
                () -> Settings.parse(List.of("--host", "0.0.0.0"), tokens));
        assertTrue(error.getMessage().startsWith("refusing to take bearer tokens in plaintext on 0.0.0.0"),
                error.getMessage());
        assertTrue(Settings.parse(List.of("--host", "0.0.0.0", "--allow-plaintext-tokens", "true"), tokens)
                .plaintextTokensAllowed());
        assertEquals(8, Settings.parse(List.of("--host", "127.0.0.1"), tokens).tokens().size(), "loopback");
    }

    @Test
    void connectionAndQueueLimitsHaveDefaultsAndFlags() {
        assertEquals(ServingLimits.DEFAULTS, Settings.parse(List.of(), Map.of()).limits());
        ServingLimits limits = Settings.parse(List.of("--max-connection-idle-seconds", "60",
                "--max-connection-age-seconds", "600", "--max-connection-age-grace-seconds", "5",
                "--keepalive-time-seconds", "30", "--keepalive-timeout-seconds", "10",
                "--max-calls-per-connection", "50", "--max-queued-calls", "16", "--max-health-watches", "7",
                "--max-public-reads", "3", "--max-watches-per-caller", "5", "--max-console-pages", "6"),
                Map.of()).limits();
        assertEquals(new ServingLimits(Duration.ofSeconds(60), Duration.ofSeconds(600), Duration.ofSeconds(5),
                Duration.ofSeconds(30), Duration.ofSeconds(10), 50, 16, 7, 3, 5, 6), limits);
    }

    @Test
    void withoutBearerTokensNoCallerIsAuthenticated() {
        assertTrue(Settings.parse(List.of(), Map.of()).tokens().isEmpty());
    }

    @Test
    void aBadTokensFileStopsTheServerNamingTheLine(@TempDir Path directory) throws IOException {
        Path tokens = Files.writeString(directory.resolve("tokens"), "# ops\n" + "ab".repeat(32) + " root ops\n");
        SettingsException error = assertThrows(SettingsException.class,
                () -> Settings.parse(List.of("--tokens", tokens.toString()), Map.of()));
        assertEquals("--tokens " + tokens + " line 2: the role must be one of admin, moderator, guild_manager, reader, "
                + "ingest, not 'root'", error.getMessage());
    }

    @Test
    void mutualTlsTakesTheClientCaWithTheServerCertificate() {
        Settings settings = Settings.parse(List.of("--tls-cert", TestResources.path("/tls/server.pem").toString(),
                "--tls-key", TestResources.path("/tls/server.key").toString(),
                "--tls-client-ca", TestResources.path("/tls/ca.pem").toString()), Map.of());
        assertEquals(Optional.of(TestResources.path("/tls/ca.pem")), settings.tlsClientCa());
    }

    @Test
    void aFlagWithoutValueIsRefused() {
        SettingsException error = assertThrows(SettingsException.class,
                () -> Settings.parse(List.of("--port"), Map.of()));
        assertEquals("--port needs a value", error.getMessage());
    }

    @Test
    void everyFlagHasAnEnvironmentVariable() {
        assertEquals("ANCHOR_HEALTH_DATA_DIR", Settings.environmentName("data-dir"));
        Settings.FLAGS.keySet().forEach(flag ->
                assertTrue(Settings.usage().contains(Settings.environmentName(flag)), flag));
    }
}
