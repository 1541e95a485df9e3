package com.anchorhealth.adapter.persistence;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the store is and how many connections to keep. {@code connectionTimeout} bounds how long a
 * call waits for a connection, so that an outage fails fast instead of piling up calls;
 * {@code readTimeout} bounds every statement outside a transaction (the reads), which the driver
 * cancels past it (transactions are bounded by their callers' deadlines instead).
 */
public record DatabaseSettings(String jdbcUrl, String user, String password, int maxPoolSize,
                               Duration connectionTimeout, Duration readTimeout) {
    public static final int DEFAULT_POOL_SIZE = 16;
    public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(3);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);

    public DatabaseSettings {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(connectionTimeout, "connectionTimeout");
        Objects.requireNonNull(readTimeout, "readTimeout");
    }

    public DatabaseSettings(String jdbcUrl, String user, String password, int maxPoolSize,
                            Duration connectionTimeout) {
        this(jdbcUrl, user, password, maxPoolSize, connectionTimeout, DEFAULT_READ_TIMEOUT);
    }

    public DatabaseSettings(String jdbcUrl, String user, String password) {
        this(jdbcUrl, user, password, DEFAULT_POOL_SIZE, DEFAULT_CONNECTION_TIMEOUT);
    }

    /** The embedded H2 file database under a data directory: the zero-setup default. */
    public static String embeddedUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("anchor-health");
    }
}
