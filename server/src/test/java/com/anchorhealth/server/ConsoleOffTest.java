package com.anchorhealth.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A platform that does not want the back office in this process turns it off. */
class ConsoleOffTest {
    @TempDir
    Path dataDir;

    @Test
    void webPortZeroServesGrpcAndNoConsole() throws Exception {
        ServerProcess server = ServerProcess.start(List.of("--web-port", "0", "--data-dir", dataDir.toString()));
        try {
            String output = server.output();
            assertTrue(output.contains("back office console off (--web-port 0)"), output);
            assertFalse(output.contains("back office console on"), output);
        } finally {
            server.kill();
        }
    }
}
