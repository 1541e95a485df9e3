package com.anchorhealth.server;

import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.BatchCheckCapabilitiesRequest;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.GuildServiceGrpc;
import com.anchorhealth.api.v1.ListPublicNoticesRequest;
import com.anchorhealth.api.v1.ListPublicNoticesResponse;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Over TCP, checks keep their latency while others abuse the server at once: hundreds of idle
 * connections, thousands of unauthenticated health watches, capability batches of 180,000 items,
 * and a flood of public reads (ListPublicNotices, no token needed) from many callers. Longer with
 * {@code -Dabuse.seconds=30} (see RELIABILITY.md).
 */
class ChecksUnderAbuseTest {
    private static final int SECONDS = Integer.getInteger("abuse.seconds", 5);
    private static final int IDLE_CONNECTIONS = 200;
    private static final int WATCH_CONNECTIONS = 20;
    private static final int WATCHES_PER_CONNECTION = 100;
    private static final int BATCH_SENDERS = 2;
    /** Offered whatever the answers, as a flood is; at most this many unanswered. */
    private static final int FLOOD_PER_SECOND = 2_000;
    private static final int FLOOD_IN_FLIGHT = 400;

    @Test
    void checksKeepTheirLatencyUnderIdleConnectionsWatchesOversizedBatchesAndAReadFlood() throws Exception {
        AnchorHealthServer server = LoopbackServer.start();
        List<ManagedChannel> channels = new ArrayList<>();
        AtomicBoolean abusing = new AtomicBoolean(true);
        List<Thread> abusers = new ArrayList<>();
        try {
            ManagedChannel checker = channel(server, channels);
            AnchorServiceGrpc.newBlockingStub(checker).upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId("reg-mia")
                    .setAnchor(Anchor.newBuilder().setAnchorId("mia").setDisplayName("Mia").setLevel(1)).build());
            Latencies quiet = checkLatencies(checker, SECONDS);

            for (int i = 0; i < IDLE_CONNECTIONS; i++) {
                HealthGrpc.newBlockingStub(channel(server, channels)).check(HealthCheckRequest.getDefaultInstance());
            }
            Map<Status.Code, LongAdder> watches = new ConcurrentHashMap<>();
            for (int c = 0; c < WATCH_CONNECTIONS; c++) {
                ManagedChannel connection = channel(server, channels);
                for (int w = 0; w < WATCHES_PER_CONNECTION; w++) {
                    HealthGrpc.newStub(connection).watch(HealthCheckRequest.getDefaultInstance(), counting(watches));
                }
            }
            Latencies idleAndWatches = checkLatencies(checker, SECONDS);
            LongAdder batchesRefused = new LongAdder();
            BatchCheckCapabilitiesRequest.Builder huge = BatchCheckCapabilitiesRequest.newBuilder();
            for (int i = 0; i < 180_000; i++) {
                huge.addChecks(CheckCapabilityRequest.newBuilder().setAnchorId("a" + i).setCapability(Capability.PK));
            }
            BatchCheckCapabilitiesRequest oversized = huge.build();
            for (int s = 0; s < BATCH_SENDERS; s++) {
                ManagedChannel connection = channel(server, channels);
                abusers.add(daemon(() -> {
                    while (abusing.get()) {
                        try {
                            CapabilityServiceGrpc.newBlockingStub(connection).batchCheckCapabilities(oversized);
                        } catch (StatusRuntimeException e) {
                            batchesRefused.increment();
                        }
                    }
                }));
            }
            Thread.sleep(1000);
            Latencies withBatches = checkLatencies(checker, SECONDS);
            Map<Status.Code, LongAdder> flood = new ConcurrentHashMap<>();
            Semaphore inFlight = new Semaphore(FLOOD_IN_FLIGHT);
            List<ManagedChannel> floodConnections = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                floodConnections.add(channel(server, channels));
            }
            abusers.add(daemon(() -> {
                long sent = 0;
                long next = System.nanoTime();
                while (abusing.get()) {
                    next += TimeUnit.SECONDS.toNanos(1) / FLOOD_PER_SECOND;
                    LockSupport.parkNanos(next - System.nanoTime());
                    inFlight.acquireUninterruptibly();
                    Futures.addCallback(GuildServiceGrpc.newFutureStub(floodConnections.get((int) (sent++ % 8)))
                            .listPublicNotices(ListPublicNoticesRequest.newBuilder().setPageSize(1000).build()),
                            new FutureCallback<ListPublicNoticesResponse>() {
                                @Override
                                public void onSuccess(ListPublicNoticesResponse result) {
                                    flood.computeIfAbsent(Status.Code.OK, code -> new LongAdder()).increment();
                                    inFlight.release();
                                }

                                @Override
                                public void onFailure(Throwable error) {
                                    flood.computeIfAbsent(Status.fromThrowable(error).getCode(), code -> new LongAdder())
                                            .increment();
                                    inFlight.release();
                                }
                            }, MoreExecutors.directExecutor());
                }
            }));
            Thread.sleep(1000);
            Latencies abused = checkLatencies(checker, SECONDS);

            System.out.printf("checks under abuse, %d s a phase: quiet %s; + %d idle connections and %d health watch"
                            + " attempts (%s) %s; + %d senders of 180,000-check batches (%d refused) %s; + %d public reads"
                            + " a second (%s) %s%n", SECONDS, quiet, IDLE_CONNECTIONS,
                    WATCH_CONNECTIONS * WATCHES_PER_CONNECTION, watches, idleAndWatches, BATCH_SENDERS,
                    batchesRefused.sum(), withBatches, FLOOD_PER_SECOND, flood, abused);
            assertTrue(watches.getOrDefault(Status.Code.RESOURCE_EXHAUSTED, new LongAdder()).sum()
                    >= WATCH_CONNECTIONS * WATCHES_PER_CONNECTION - ServingLimits.DEFAULTS.maxHealthWatches(),
                    "watches beyond the limit refused: " + watches);
            assertTrue(batchesRefused.sum() > 0, "oversized batches were sent and refused");
            assertTrue(flood.getOrDefault(Status.Code.RESOURCE_EXHAUSTED, new LongAdder()).sum() > 0,
                    "the flood met the limit of public reads: " + flood);
            // Generous for a shared 2-core machine (the abusers run on it too): before, one oversized
            // batch alone cost a check 400 ms.
            for (Latencies phase : List.of(idleAndWatches, withBatches, abused)) {
                assertTrue(phase.millis(50) < 100 && phase.millis(99) < 300, "checks: " + phase);
            }
        } finally {
            abusing.set(false);
            for (Thread abuser : abusers) {
                abuser.join(10_000);
            }
            for (ManagedChannel channel : channels) {
                channel.shutdownNow();
            }
            server.stop();
        }
    }

    /** Latencies in nanoseconds, sorted. */
    private record Latencies(long[] nanos) {
        int count() {
            return nanos.length;
        }

        @Override
        public String toString() {
            return String.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms over %d checks", millis(50), millis(99),
                    millis(100), count());
        }

        double millis(double percentile) {
            int index = (int) Math.ceil(percentile / 100 * nanos.length) - 1;
            return nanos[Math.max(0, Math.min(index, nanos.length - 1))] / 1e6;
        }
    }

    private static Thread daemon(Runnable work) {
        Thread thread = new Thread(work, "abuser");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Back-to-back checks for the given seconds; the latency of each. */
    private static Latencies checkLatencies(ManagedChannel channel, int seconds) {
        List<Long> latencies = new ArrayList<>();
        CapabilityServiceGrpc.CapabilityServiceBlockingStub checks = CapabilityServiceGrpc.newBlockingStub(channel);
        CheckCapabilityRequest check = CheckCapabilityRequest.newBuilder().setAnchorId("mia")
                .setCapability(Capability.PK).build();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            long started = System.nanoTime();
            checks.withDeadlineAfter(10, TimeUnit.SECONDS).checkCapability(check);
            latencies.add(System.nanoTime() - started);
        }
        return new Latencies(latencies.stream().mapToLong(Long::longValue).sorted().toArray());
    }

    private static ManagedChannel channel(AnchorHealthServer server, List<ManagedChannel> channels) {
        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext()
                .maxInboundMessageSize(16 << 20).build();
        channels.add(channel);
        return channel;
    }

    private static StreamObserver<HealthCheckResponse> counting(Map<Status.Code, LongAdder> outcomes) {
        return new StreamObserver<>() {
            private final AtomicBoolean counted = new AtomicBoolean();

            @Override
            public void onNext(HealthCheckResponse response) {
                count(Status.Code.OK);
            }

            @Override
            public void onError(Throwable error) {
                count(Status.fromThrowable(error).getCode());
            }

            @Override
            public void onCompleted() {
            }

            private void count(Status.Code code) {
                if (counted.compareAndSet(false, true)) {
                    outcomes.computeIfAbsent(code, key -> new LongAdder()).increment();
                }
            }
        };
    }
}
