package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.DatabaseSettings;
import com.anchorhealth.adapter.persistence.MariaDbForTests;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.VerifyScoresRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A soak at a steady mixed rate over real TCP on MariaDB (checks and violations, open loop): once
 * warm, heap after a collection, live threads and database connections stay flat. Short in CI;
 * {@code -Dsoak.seconds=300} for the long form (see docs/RELIABILITY.md).
 */
class SoakTest {
    private static final int SECONDS = Integer.getInteger("soak.seconds", 20);
    private static final int CHECKS_PER_SECOND = Integer.getInteger("soak.checksPerSecond", 500);
    private static final int VIOLATIONS_PER_SECOND = Integer.getInteger("soak.violationsPerSecond", 50);
    private static final int ANCHORS = 200;
    /** Allowance for the collector's own slack once warm; a leak of one object per call exceeds it. */
    private static final long HEAP_GROWTH_ALLOWED_BYTES = 24L << 20;

    @Test
    void heapThreadsAndConnectionsStayFlatUnderASteadyMixedLoad() throws Exception {
        String url = MariaDbForTests.freshDatabase("anchor_health_soak");
        Settings settings = new Settings("127.0.0.1", 0, Path.of("unused"), Optional.of(url), MariaDbForTests.USER,
                MariaDbForTests.PASSWORD, Optional.empty(), Optional.empty(), Optional.empty());
        AnchorHealthServer server = Main.create(new ServerModule(settings)).getInstance(AnchorHealthServer.class);
        server.start();
        // Callbacks on the channel's event loop: the client adds no pool whose size would blur the count.
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
                .directExecutor().build();
        ScheduledExecutorService load = Executors.newScheduledThreadPool(2);
        try (Connection database = DriverManager.getConnection(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD)) {
            for (int i = 0; i < ANCHORS; i++) {
                AnchorServiceGrpc.newBlockingStub(channel).upsertAnchor(UpsertAnchorRequest.newBuilder()
                        .setRequestId("soak-register-" + i).setAnchor(Anchor.newBuilder().setAnchorId("soak-" + i)
                                .setDisplayName("Soak " + i).setLevel(1)).build());
            }
            AtomicLong sent = new AtomicLong();
            AtomicLong failed = new AtomicLong();
            load.scheduleAtFixedRate(() -> check(channel, sent, failed), 0, 1_000_000 / CHECKS_PER_SECOND,
                    TimeUnit.MICROSECONDS);
            load.scheduleAtFixedRate(() -> violation(channel, sent, failed), 0, 1_000_000 / VIOLATIONS_PER_SECOND,
                    TimeUnit.MICROSECONDS);

            Thread.sleep(TimeUnit.SECONDS.toMillis(SECONDS) / 4);
            Sample warm = Sample.take(database, url);
            Sample peak = warm;
            for (int second = SECONDS / 4; second < SECONDS; second += 5) {
                Thread.sleep(5000);
                Sample now = Sample.take(database, url);
                peak = new Sample(Math.max(peak.heapBytes, now.heapBytes), Math.max(peak.threads, now.threads),
                        Math.max(peak.connections, now.connections));
            }
            load.shutdown();
            assertTrue(load.awaitTermination(10, TimeUnit.SECONDS));
            Sample end = Sample.take(database, url);
            System.out.printf("soak %d s at %d checks/s + %d violations/s: %d calls, %d failed; warm %s, peak %s,"
                    + " end %s%n", SECONDS, CHECKS_PER_SECOND, VIOLATIONS_PER_SECOND, sent.get(), failed.get(), warm,
                    peak, end);

            assertEquals(0, failed.get(), "every call answered");
            assertTrue(end.heapBytes < warm.heapBytes + HEAP_GROWTH_ALLOWED_BYTES,
                    "heap: warm " + warm + ", end " + end);
            assertTrue(peak.threads <= warm.threads + 4, "threads: warm " + warm + ", peak " + peak + "; now "
                    + threadsByName());
            assertTrue(peak.connections <= 2L * DatabaseSettings.DEFAULT_POOL_SIZE, "the pools are bounded: " + peak);
            assertEquals(0, AnchorServiceGrpc.newBlockingStub(channel).verifyScores(VerifyScoresRequest
                    .getDefaultInstance()).getMismatchesCount());
        } finally {
            load.shutdownNow();
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            server.stop();
        }
    }

    private static void check(ManagedChannel channel, AtomicLong sent, AtomicLong failed) {
        long n = sent.incrementAndGet();
        count(CapabilityServiceGrpc.newFutureStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .checkCapability(CheckCapabilityRequest.newBuilder().setAnchorId("soak-" + n % ANCHORS)
                        .setCapability(Capability.PK).build()), failed);
    }

    private static void violation(ManagedChannel channel, AtomicLong sent, AtomicLong failed) {
        long n = sent.incrementAndGet();
        count(ViolationServiceGrpc.newFutureStub(channel).withDeadlineAfter(5, TimeUnit.SECONDS)
                .recordViolation(RecordViolationRequest.newBuilder().setRequestId("soak-" + n)
                        .setAnchorId("soak-" + n % ANCHORS).setViolationType("VULGAR_LANGUAGE")
                        .setSource("soak").build()), failed);
    }

    private static <T> void count(ListenableFuture<T> call, AtomicLong failed) {
        Futures.addCallback(call, new FutureCallback<T>() {
            @Override
            public void onSuccess(T result) {
            }

            @Override
            public void onFailure(Throwable error) {
                failed.incrementAndGet();
            }
        }, MoreExecutors.directExecutor());
    }

    /** Live threads by name without their numbers, to say which pool grew. */
    private static Map<String, Long> threadsByName() {
        return Thread.getAllStackTraces().keySet().stream().collect(Collectors.groupingBy(
                thread -> thread.getName().replaceAll("[0-9]+", "#"), TreeMap::new, Collectors.counting()));
    }

    /** Heap in use after a collection, live threads of this JVM, and connections open to the database. */
    private record Sample(long heapBytes, int threads, long connections) {
        static Sample take(Connection database, String url) throws Exception {
            System.gc();
            Thread.sleep(200);
            long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            int threads = ManagementFactory.getThreadMXBean().getThreadCount();
            String schema = url.substring(url.lastIndexOf('/') + 1);
            try (PreparedStatement count = database.prepareStatement(
                    "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = ?")) {
                count.setString(1, schema);
                try (ResultSet rows = count.executeQuery()) {
                    rows.next();
                    return new Sample(heap, threads, rows.getLong(1) - 1);  // not this test's own
                }
            }
        }

        @Override
        public String toString() {
            return String.format("%d MB heap, %d threads, %d connections", heapBytes >> 20, threads, connections);
        }
    }
}
