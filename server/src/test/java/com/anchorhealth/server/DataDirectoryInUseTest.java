package com.anchorhealth.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The embedded database belongs to one process: a second server on its directory stops at once. */
class DataDirectoryInUseTest {
    @TempDir
    Path dataDir;

    @Test
    void aSecondServerOnTheSameDataDirStopsAtOnceSayingWhy() throws Exception {
        ServerProcess first = ServerProcess.start(List.of("--data-dir", dataDir.toString()));
        ServerProcess second = ServerProcess.launch(List.of("--data-dir", dataDir.toString()));
        try {
            // A JVM's start takes a few seconds here; the lock was retried for half a minute.
            assertTrue(second.process().waitFor(15, TimeUnit.SECONDS), "the second server stopped by itself");
            assertEquals(Main.EXIT_BAD_SETTINGS, second.process().exitValue());
            String reason = second.output().lines().filter(line -> line.startsWith("anchor-health: ")).findFirst()
                    .orElseThrow(() -> new AssertionError("no one-line reason in: " + outputOf(second)));
            assertTrue(reason.contains("--data-dir " + dataDir) && reason.contains("in use by another server"), reason);
        } finally {
            second.kill();
            first.kill();
        }
    }

    private static String outputOf(ServerProcess server) {
        try {
            return server.output();
        } catch (IOException e) {
            return e.toString();
        }
    }
}
