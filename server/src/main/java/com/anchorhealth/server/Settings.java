package com.anchorhealth.server;

import com.anchorhealth.adapter.access.BearerTokens;
import com.anchorhealth.application.write.ForgetOldRequestKeys;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting of the server, from a flag ({@code --data-dir DIR} or {@code --data-dir=DIR}) or
 * else its environment variable ({@code ANCHOR_HEALTH_DATA_DIR}), else its default.
 */
public record Settings(
        String host,
        int port,
        Path dataDir,
        Optional<String> databaseUrl,
        String databaseUser,
        String databasePassword,
        Optional<Path> policyFile,
        Optional<Path> tlsCert,
        Optional<Path> tlsKey,
        Optional<Path> tlsClientCa,
        BearerTokens tokens,
        Duration outboxRetention,
        Optional<Path> tokensFile,
        boolean plaintextTokensAllowed,
        ServingLimits limits,
        Duration requestKeyRetention,
        Optional<KafkaRelaySettings> kafka) {

    /** Where the relay publishes the change feed; present only with --kafka-bootstrap-servers. */
    public record KafkaRelaySettings(String bootstrapServers, String topic) {
        static final String DEFAULT_TOPIC = "anchorhealth.standing-changes.v1";
    }

    static final Duration DEFAULT_OUTBOX_RETENTION = Duration.ofHours(168);
    /** Ten years: anything longer is a typo, and the outbox would grow without bound. */
    static final int MAX_OUTBOX_RETENTION_HOURS = 87_600;
    /** Ten years, likewise. */
    static final int MAX_REQUEST_KEY_RETENTION_DAYS = 3_650;
    /** A day: a connection setting longer than that is a typo. */
    static final int MAX_SECONDS = 86_400;

    /**
     * Without bearer tokens or a client CA (every caller is anonymous, as on a loopback address), and
     * with the default outbox retention.
     */
    public Settings(String host, int port, Path dataDir, Optional<String> databaseUrl, String databaseUser,
                    String databasePassword, Optional<Path> policyFile, Optional<Path> tlsCert, Optional<Path> tlsKey) {
        this(host, port, dataDir, databaseUrl, databaseUser, databasePassword, policyFile, tlsCert, tlsKey,
                Optional.empty(), BearerTokens.none(), DEFAULT_OUTBOX_RETENTION, Optional.empty(), false,
                ServingLimits.DEFAULTS, ForgetOldRequestKeys.DEFAULT_RETENTION);
    }

    /** Without a relay of the change feed to Kafka. */
    public Settings(String host, int port, Path dataDir, Optional<String> databaseUrl, String databaseUser,
                    String databasePassword, Optional<Path> policyFile, Optional<Path> tlsCert, Optional<Path> tlsKey,
                    Optional<Path> tlsClientCa, BearerTokens tokens, Duration outboxRetention, Optional<Path> tokensFile,
                    boolean plaintextTokensAllowed, ServingLimits limits, Duration requestKeyRetention) {
        this(host, port, dataDir, databaseUrl, databaseUser, databasePassword, policyFile, tlsCert, tlsKey, tlsClientCa,
                tokens, outboxRetention, tokensFile, plaintextTokensAllowed, limits, requestKeyRetention,
                Optional.empty());
    }

    /** The flags, in the order the usage text lists them, with what each means. */
    static final Map<String, String> FLAGS = flags();

    private static Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("host", "address to listen on (default 127.0.0.1)");
        flags.put("port", "port to listen on (default 50051)");
        flags.put("data-dir", "directory of the embedded H2 database (default ./data)");
        flags.put("database-url", "jdbc:mysql:// or jdbc:mariadb:// URL of MySQL/MariaDB instead of H2");
        flags.put("database-user", "database user (default root for MySQL/MariaDB, sa for H2)");
        flags.put("database-password", "database password (default empty)");
        flags.put("policy", "JSON file of the Policy message: version 1 when the store holds none");
        flags.put("tokens", "file of bearer tokens: <sha256 hex of the token> <role> <actor> per line");
        flags.put("tls-cert", "PEM certificate chain: serve TLS (with --tls-key)");
        flags.put("tls-key", "PEM private key (PKCS#8) of --tls-cert");
        flags.put("tls-client-ca", "PEM CA certificates: require client certificates they signed (mutual TLS)");
        flags.put("outbox-retention-hours", "hours a standing change stays resumable in the change feed (default 168)");
        flags.put("request-key-retention-days", "days a request_id is remembered: a retry within them gets the first "
                + "result (default 30)");
        flags.put("allow-plaintext-tokens", "true: accept bearer tokens without TLS off loopback (TLS ends before "
                + "the server, as in a sidecar) (default false)");
        flags.put("max-queued-calls", "database calls that may wait for a handler thread; more are refused "
                + "RESOURCE_EXHAUSTED (default 128)");
        flags.put("max-calls-per-connection", "concurrent calls one connection may carry (default 200)");
        flags.put("max-connection-idle-seconds", "a connection without calls this long is closed (default 300)");
        flags.put("max-connection-age-seconds", "a connection this old is asked to reconnect (default 1800)");
        flags.put("max-connection-age-grace-seconds", "calls of a connection past its age get this long to "
                + "finish (default 30)");
        flags.put("keepalive-time-seconds", "a quiet connection is pinged this often (default 60)");
        flags.put("keepalive-timeout-seconds", "a ping unanswered this long closes the connection (default 20)");
        flags.put("max-health-watches", "health Watch streams open at once; more are refused (default 100)");
        flags.put("max-watches-per-caller", "WatchStandingChanges streams one caller (a token's actor) may hold open"
                + " at once; more are refused (default " + ServingLimits.DEFAULTS.maxWatchesPerCaller() + ")");
        flags.put("max-console-pages", "back office pages loading at once (each reads the database); one more"
                + " waits up to 2 s, then is answered 503 (default " + ServingLimits.DEFAULTS.maxConsolePages() + ")");
        flags.put("kafka-bootstrap-servers", "host:port[,host:port...] of a Kafka cluster: relay every change of the"
                + " feed to --kafka-topic (default: no relay)");
        flags.put("kafka-topic", "topic the change feed is relayed to (default " + KafkaRelaySettings.DEFAULT_TOPIC + ")");
        flags.put("max-public-reads", "ListPublicNotices calls (no token needed) at once; more are refused (default 8)");
        return flags;
    }

    public static Settings parse(List<String> args, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        FLAGS.keySet().forEach(flag -> {
            String fromEnvironment = environment.get(environmentName(flag));
            if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
                values.put(flag, fromEnvironment);
            }
        });
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new SettingsException("unexpected argument '" + arg + "' (flags start with --; see --help)");
            }
            String flag = arg.substring(2);
            String value;
            int equals = flag.indexOf('=');
            if (equals >= 0) {
                value = flag.substring(equals + 1);
                flag = flag.substring(0, equals);
            } else if (i + 1 < args.size()) {
                value = args.get(++i);
            } else {
                throw new SettingsException("--" + flag + " needs a value");
            }
            if (!FLAGS.containsKey(flag)) {
                throw new SettingsException("unknown flag --" + flag + " (see --help)");
            }
            values.put(flag, value);
        }
        return fromValues(values);
    }

    public static String environmentName(String flag) {
        return "ANCHOR_HEALTH_" + flag.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public static String usage() {
        StringBuilder usage = new StringBuilder("usage: java -jar anchor-health-server.jar [flags]\n");
        FLAGS.forEach((flag, meaning) -> usage.append(String.format("  --%-18s %s (env %s)%n",
                flag + " V", meaning, environmentName(flag))));
        return usage.toString();
    }

    private static Settings fromValues(Map<String, String> values) {
        String host = values.getOrDefault("host", "127.0.0.1");
        int port = wholeNumber(values, "port", 50051, 0, 65535);
        Optional<String> databaseUrl = Optional.ofNullable(values.get("database-url"));
        databaseUrl.ifPresent(Settings::checkDatabaseUrl);
        String defaultUser = databaseUrl.isPresent() ? "root" : "sa";
        Optional<Path> policy = Optional.ofNullable(values.get("policy")).map(Path::of);
        policy.ifPresent(path -> requireReadable(path, "--policy"));
        Optional<Path> tlsCert = Optional.ofNullable(values.get("tls-cert")).map(Path::of);
        Optional<Path> tlsKey = Optional.ofNullable(values.get("tls-key")).map(Path::of);
        if (tlsCert.isPresent() != tlsKey.isPresent()) {
            throw new SettingsException("--tls-cert and --tls-key go together");
        }
        tlsCert.ifPresent(path -> requireReadable(path, "--tls-cert"));
        tlsKey.ifPresent(path -> requireReadable(path, "--tls-key"));
        Optional<Path> tlsClientCa = Optional.ofNullable(values.get("tls-client-ca")).map(Path::of);
        if (tlsClientCa.isPresent() && tlsCert.isEmpty()) {
            throw new SettingsException("--tls-client-ca needs --tls-cert and --tls-key");
        }
        tlsClientCa.ifPresent(path -> requireReadable(path, "--tls-client-ca"));
        Optional<Path> tokensFile = Optional.ofNullable(values.get("tokens")).map(Path::of);
        BearerTokens tokens = tokensFile.map(Settings::readTokens).orElse(BearerTokens.none());
        InetAddress address = address(host);
        requireAuthenticationOffLoopback(host, address, tokens);
        boolean plaintextTokensAllowed = bool(values, "allow-plaintext-tokens");
        if (!tokens.isEmpty() && tlsCert.isEmpty() && !address.isLoopbackAddress() && !plaintextTokensAllowed) {
            throw new SettingsException("refusing to take bearer tokens in plaintext on " + host + ": anyone on the "
                    + "path could read them; pass --tls-cert and --tls-key, or --allow-plaintext-tokens true where "
                    + "TLS ends before the server (a sidecar)");
        }
        Duration outboxRetention = Duration.ofHours(wholeNumber(values, "outbox-retention-hours",
                (int) DEFAULT_OUTBOX_RETENTION.toHours(), 1, MAX_OUTBOX_RETENTION_HOURS));
        ServingLimits defaults = ServingLimits.DEFAULTS;
        ServingLimits limits = new ServingLimits(
                seconds(values, "max-connection-idle-seconds", defaults.maxConnectionIdle(), 1),
                seconds(values, "max-connection-age-seconds", defaults.maxConnectionAge(), 1),
                seconds(values, "max-connection-age-grace-seconds", defaults.maxConnectionAgeGrace(), 0),
                // gRPC clients refuse to ping more often than every 10 s.
                seconds(values, "keepalive-time-seconds", defaults.keepAliveTime(), 10),
                seconds(values, "keepalive-timeout-seconds", defaults.keepAliveTimeout(), 1),
                wholeNumber(values, "max-calls-per-connection", defaults.maxCallsPerConnection(), 1, 100_000),
                wholeNumber(values, "max-queued-calls", defaults.maxQueuedCalls(), 0, 1_000_000),
                wholeNumber(values, "max-health-watches", defaults.maxHealthWatches(), 0, 1_000_000),
                wholeNumber(values, "max-public-reads", defaults.maxPublicReads(), 1, 1_000_000),
                wholeNumber(values, "max-watches-per-caller", defaults.maxWatchesPerCaller(), 1, 1_000_000),
                wholeNumber(values, "max-console-pages", defaults.maxConsolePages(), 1, 1_000));
        Duration requestKeyRetention = Duration.ofDays(wholeNumber(values, "request-key-retention-days",
                (int) ForgetOldRequestKeys.DEFAULT_RETENTION.toDays(), 1, MAX_REQUEST_KEY_RETENTION_DAYS));
        return new Settings(host, port, Path.of(values.getOrDefault("data-dir", "data")), databaseUrl,
                values.getOrDefault("database-user", defaultUser), values.getOrDefault("database-password", ""),
                policy, tlsCert, tlsKey, tlsClientCa, tokens, outboxRetention, tokensFile, plaintextTokensAllowed,
                limits, requestKeyRetention, kafka(values));
    }

    private static Optional<KafkaRelaySettings> kafka(Map<String, String> values) {
        String topic = values.getOrDefault("kafka-topic", KafkaRelaySettings.DEFAULT_TOPIC);
        if (!topic.matches("[a-zA-Z0-9._-]{1,249}")) {
            throw new SettingsException("--kafka-topic must be 1 to 249 letters, digits, '.', '_' or '-', not '"
                    + topic + "'");
        }
        return Optional.ofNullable(values.get("kafka-bootstrap-servers"))
                .map(servers -> new KafkaRelaySettings(servers, topic));
    }

    private static Duration seconds(Map<String, String> values, String flag, Duration fallback, int min) {
        return Duration.ofSeconds(wholeNumber(values, flag, (int) fallback.toSeconds(), min, MAX_SECONDS));
    }

    private static int wholeNumber(Map<String, String> values, String flag, int fallback, int min, int max) {
        String value = values.get(flag);
        if (value == null) {
            return fallback;
        }
        try {
            int number = Integer.parseInt(value);
            if (number < min || number > max) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new SettingsException("--" + flag + " must be a whole number from " + min + " to " + max
                    + ", not '" + value + "'");
        }
    }

    private static boolean bool(Map<String, String> values, String flag) {
        String value = values.getOrDefault(flag, "false");
        if (!value.equals("true") && !value.equals("false")) {
            throw new SettingsException("--" + flag + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private static void checkDatabaseUrl(String url) {
        if (!url.startsWith("jdbc:mysql://") && !url.startsWith("jdbc:mariadb://") && !url.startsWith("jdbc:h2:")) {
            throw new SettingsException("--database-url must start with jdbc:mysql://, jdbc:mariadb:// or jdbc:h2:");
        }
    }

    private static void requireReadable(Path path, String flag) {
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new SettingsException(flag + " " + path + " is not a readable file");
        }
    }

    /** The bearer tokens of a {@code --tokens} file; a bad file stops the server with the line at fault. */
    static BearerTokens readTokens(Path path) {
        requireReadable(path, "--tokens");
        try {
            return TokensFile.read(path);
        } catch (IOException e) {
            throw new SettingsException("--tokens " + path + " cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new SettingsException("--tokens " + path + " " + e.getMessage());
        }
    }

    private static InetAddress address(String host) {
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new SettingsException("--host " + host + " is not a known address");
        }
    }

    /** Without tokens no caller is authenticated, so only this machine may call. */
    private static void requireAuthenticationOffLoopback(String host, InetAddress address, BearerTokens tokens) {
        if (tokens.isEmpty() && !address.isLoopbackAddress()) {
            throw new SettingsException("refusing to listen on " + host + " without bearer tokens: anyone who reaches "
                    + "it could call every method; pass --tokens FILE, or listen on a loopback address");
        }
    }
}
