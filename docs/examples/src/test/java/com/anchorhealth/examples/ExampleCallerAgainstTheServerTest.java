package com.anchorhealth.examples;

import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.api.v1.Tier;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import io.grpc.ManagedChannel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example caller against the real server, started on loopback ports in a process of its own. */
class ExampleCallerAgainstTheServerTest {
    private static final Pattern GRPC_PORT = Pattern.compile("listening on plaintext 127\\.0\\.0\\.1:(\\d+)");
    private static final Pattern ADMIN_PORT = Pattern.compile("metrics on http://127\\.0\\.0\\.1:(\\d+)/metrics");

    @TempDir
    Path directory;
    private Process server;
    private ManagedChannel channel;
    private int adminPort;

    @BeforeEach
    void startServer() throws Exception {
        Path log = directory.resolve("server.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        server = new ProcessBuilder(java, "-Xmx256m", "-cp", classPath, "com.anchorhealth.server.Main",
                "--port", "0", "--admin-port", "0", "--data-dir", directory.resolve("data").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int grpcPort = awaitPort(log, GRPC_PORT);
        adminPort = awaitPort(log, ADMIN_PORT);
        channel = AnchorHealthChannels.open("127.0.0.1:" + grpcPort);
    }

    @AfterEach
    void stopServer() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.destroy();
        server.waitFor(30, TimeUnit.SECONDS);
    }

    @Test
    void checksABatchOfRoomsAndResumesWatchingFromItsSavedCursor() throws Exception {
        register("mia");
        register("zoe");
        Path cursorFile = directory.resolve("cursor");
        List<StandingChange> seen = new CopyOnWriteArrayList<>();
        Thread firstRun = new Thread(() -> watch(cursorFile, seen, 1));
        firstRun.start();
        awaitWatchers(1);

        // Eight SEVERE violations of a level-4 anchor: 100 - 8 x 8 = 36, below the restriction line of 40.
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            violations.add(ViolationServiceGrpc.newBlockingStub(channel).recordViolation(RecordViolationRequest.newBuilder()
                    .setRequestId("example-" + i).setAnchorId("zoe").setViolationType("PORNOGRAPHY")
                    .setSource("examples").build()).getName());
        }
        firstRun.join(30_000);
        assertEquals(List.of(violations.get(0)), seen.stream().map(StandingChange::getViolation).toList(),
                "the first run saw the first change after it started, and stopped");

        StandingWatcher restarted = new StandingWatcher(channel, cursorFile, seen::add, Duration.ofMillis(100));
        restarted.watch(7);
        assertEquals(violations, seen.stream().map(StandingChange::getViolation).toList(),
                "resumed after its saved cursor: nothing missed, nothing twice");
        assertEquals(Tier.RESTRICTED, seen.get(seen.size() - 1).getNewTier());

        CapabilityChecks checks = new CapabilityChecks(channel, Duration.ofSeconds(2));
        assertTrue(checks.check("mia", Capability.PK).getAllowed());
        assertFalse(checks.check("zoe", Capability.PK).getAllowed());
        List<CapabilityChecks.LiveRoom> page = List.of(new CapabilityChecks.LiveRoom("room-1", "zoe"),
                new CapabilityChecks.LiveRoom("room-2", "mia"), new CapabilityChecks.LiveRoom("room-3", "new-anchor"));
        assertEquals(List.of(page.get(1), page.get(2)), checks.recommendable(page),
                "a restricted anchor's room is left out; an unknown anchor is healthy");
    }

    private void register(String anchorId) {
        AnchorServiceGrpc.newBlockingStub(channel).upsertAnchor(UpsertAnchorRequest.newBuilder()
                .setRequestId("register-" + anchorId)
                .setAnchor(Anchor.newBuilder().setAnchorId(anchorId).setDisplayName(anchorId).setLevel(4)).build());
    }

    private void watch(Path cursorFile, List<StandingChange> seen, int changes) {
        try {
            new StandingWatcher(channel, cursorFile, seen::add, Duration.ofMillis(100)).watch(changes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The server counts its watches on /metrics: the first run is subscribed when it says so. */
    private void awaitWatchers(int watchers) throws Exception {
        HttpRequest scrape = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/metrics")).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            String metrics = HttpClient.newHttpClient().send(scrape, HttpResponse.BodyHandlers.ofString()).body();
            if (metrics.lines().anyMatch(line -> line.equals("anchorhealth_feed_watchers " + (double) watchers))) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no watcher subscribed");
    }

    private int awaitPort(Path log, Pattern announcement) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && server.isAlive()) {
            Matcher matcher = announcement.matcher(Files.readString(log));
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not announce " + announcement + ": " + Files.readString(log));
    }
}
