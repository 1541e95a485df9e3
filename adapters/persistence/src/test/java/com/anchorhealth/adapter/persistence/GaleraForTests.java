package com.anchorhealth.adapter.persistence;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The three-node Galera cluster that {@code .ci/galera} runs on this machine (its ports and directory
 * from the same GALERA_* variables), as MariaDB's tests log in: its nodes, fresh databases on it, and
 * the script that kills and restarts its nodes. Shared with the server tests through the test-jar.
 * Locally a cluster that is not running skips the tests; under CI=true it fails them.
 */
public final class GaleraForTests {
    private static final Path SCRIPT = script();
    /** The databases the tests created, dropped when the JVM exits (DDL reaches every node). */
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();
    /** The nodes last found, for the shutdown hook that drops the databases (it runs no script). */
    private static volatile List<String> found = List.of();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(GaleraForTests::dropCreated, "drop-galera-test-databases"));
    }

    private GaleraForTests() {
    }

    /** Each node's host:port, node 1 first, as {@code .ci/galera url} names them. */
    public static List<String> nodes() {
        try {
            String url = run(Duration.ofSeconds(10), "url").strip();
            found = List.of(url.substring("jdbc:mysql://".length(), url.lastIndexOf('/')).split(","));
            return found;
        } catch (IOException | AssertionError e) {
            throw unavailable("cannot run " + SCRIPT + ": " + e.getMessage());
        }
    }

    /** Skips the test, or under CI=true fails it, for this reason. */
    public static RuntimeException unavailable(String reason) {
        if ("true".equals(System.getenv("CI"))) {
            throw new AssertionError("the Galera cluster is required under CI=true: " + reason);
        }
        return Assumptions.abort("Galera cluster not running: " + reason + "; skipped");
    }

    /** Drops and creates the database through the first node, comparing text byte for byte; returns its name. */
    public static String freshDatabase(String unprefixedName) {
        String name = System.getenv().getOrDefault("ANCHOR_HEALTH_TEST_DB_PREFIX", "") + unprefixedName;
        try (Connection connection = open(nodes().get(0)); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS " + name);
            statement.execute("CREATE DATABASE " + name + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        } catch (SQLException e) {
            throw unavailable("node 1 refused a new database: " + e.getMessage());
        }
        CREATED.add(name);
        return name;
    }

    /** Runs {@code .ci/galera} with these arguments; returns what it printed, or fails when it fails or overruns. */
    public static String run(Duration patience, String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(arguments));
        Path output = Files.createTempFile("galera", ".out");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " took over " + patience + ": "
                        + Files.readString(output));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " exited " + process.exitValue() + ": " + text);
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private static Connection open(String node) throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + node + "/?connectTimeout=3000", MariaDbForTests.USER,
                MariaDbForTests.PASSWORD);
    }

    private static void dropCreated() {
        for (String node : CREATED.isEmpty() ? List.<String>of() : found) {
            try (Connection connection = open(node); Statement statement = connection.createStatement()) {
                for (String name : CREATED) {
                    statement.execute("DROP DATABASE IF EXISTS " + name);
                }
                return;
            } catch (SQLException e) {
                // a node that is down: the next one drops them for the cluster
            }
        }
    }

    /** .ci/galera, found from the module's directory upwards. */
    private static Path script() {
        for (Path directory = Path.of("").toAbsolutePath(); directory != null; directory = directory.getParent()) {
            Path candidate = directory.resolve(".ci/galera");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return Path.of(".ci/galera");
    }
}
