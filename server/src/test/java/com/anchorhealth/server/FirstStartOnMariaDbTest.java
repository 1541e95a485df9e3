package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.MariaDbForTests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A first start on MariaDB prints no warning; its mistakes stop it at once, with exit code 2 and one line that names the setting
 * to change: a port another process holds (before any migration runs), a password or a database name
 * that MariaDB refuses (not retried as an unreachable database is).
 */
class FirstStartOnMariaDbTest {
    /** A JVM's start takes a few seconds here; an unreachable database is retried for half a minute. */
    private static final Duration AT_ONCE = Duration.ofSeconds(15);

    @TempDir
    Path dataDir;

    @Test
    void aCleanStartPrintsNoWarning() throws Exception {
        String url = MariaDbForTests.freshDatabase("anchor_health_first_start");

        ServerProcess server = ServerProcess.start(List.of("--database-url", url, "--database-user",
                MariaDbForTests.USER, "--web-port", "0"));
        server.kill();

        List<String> warnings = server.output().lines()
                .filter(line -> line.contains(" WARN ") || line.contains(" ERROR ")).toList();
        assertTrue(server.output().contains("Migrating schema"), "a first start migrates: " + server.output());
        assertEquals(List.of(), warnings);
    }

    @Test
    void aTakenWebPortStopsTheStartBeforeAnyMigrationNamingTheFlag() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            ServerProcess server = ServerProcess.launch(List.of("--data-dir", dataDir.toString(),
                    "--web-port", String.valueOf(port)));

            String reason = reasonOfStop(server);
            assertTrue(reason.contains("--web-port " + port) && reason.contains("127.0.0.1:" + port), reason);
            assertFalse(server.output().contains("Migrating"), "nothing ran before the check: " + server.output());
        }
    }

    @Test
    void aWrongPasswordStopsTheStartAtOnce() throws Exception {
        String url = MariaDbForTests.freshDatabase("anchor_health_first_start");

        ServerProcess server = ServerProcess.launch(List.of("--database-url", url, "--database-user",
                MariaDbForTests.USER, "--database-password", "not-" + MariaDbForTests.PASSWORD + "-the-password"));

        String reason = reasonOfStop(server);
        assertTrue(reason.contains("--database-password") && reason.contains("Access denied"), reason);
    }

    @Test
    void aMissingDatabaseStopsTheStartAtOnce() throws Exception {
        String url = MariaDbForTests.freshDatabase("anchor_health_first_start");

        ServerProcess server = ServerProcess.launch(List.of("--database-url", url + "_missing", "--database-user",
                MariaDbForTests.USER));

        String reason = reasonOfStop(server);
        assertTrue(reason.contains("--database-url") && reason.contains("anchor_health_first_start_missing"), reason);
    }

    /** The one line the server stopped with, after checking it stopped at once with exit code 2. */
    private static String reasonOfStop(ServerProcess server) throws IOException, InterruptedException {
        try {
            assertTrue(server.process().waitFor(AT_ONCE.toSeconds(), TimeUnit.SECONDS),
                    "the server stopped by itself: " + server.output());
            assertEquals(Main.EXIT_BAD_SETTINGS, server.process().exitValue(), server.output());
            List<String> reasons = server.output().lines().filter(line -> line.startsWith("anchor-health: ")).toList();
            assertEquals(1, reasons.size(), server.output());
            return reasons.get(0);
        } finally {
            server.kill();
        }
    }
}
