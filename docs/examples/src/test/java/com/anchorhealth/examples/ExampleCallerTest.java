package com.anchorhealth.examples;

import com.anchorhealth.api.v1.BatchCheckCapabilitiesRequest;
import com.anchorhealth.api.v1.BatchCheckCapabilitiesResponse;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.Decision;
import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.api.v1.WatchStandingChangesRequest;
import io.grpc.Context;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The example caller against a CapabilityService served on a loopback port, whose answers the test
 * scripts: one UNAVAILABLE before the answer, an answer later than the deadline, a page of rooms with
 * restricted anchors, a feed whose stream breaks midway.
 */
class ExampleCallerTest {
    private final ScriptedCapabilities service = new ScriptedCapabilities();
    private Server server;
    private ManagedChannel channel;

    @TempDir
    Path directory;

    @BeforeEach
    void serve() throws IOException {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0)).addService(service).build().start();
        channel = AnchorHealthChannels.open("127.0.0.1:" + server.getPort());
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void aCheckRefusedWithUnavailableIsRetriedByTheServiceConfig() {
        service.unavailableOnce.add("mia");
        Decision decision = new CapabilityChecks(channel, Duration.ofSeconds(5)).check("mia", Capability.PK);
        assertTrue(decision.getAllowed());
        assertEquals(2, service.attempts.get("mia").get(), "one refusal, then the answer");
    }

    @Test
    void aCheckLaterThanItsDeadlineFailsWithDeadlineExceeded() {
        service.slow.add("zoe");
        StatusRuntimeException late = assertThrows(StatusRuntimeException.class,
                () -> new CapabilityChecks(channel, Duration.ofMillis(200)).check("zoe", Capability.GIFTS));
        assertEquals(Status.Code.DEADLINE_EXCEEDED, late.getStatus().getCode());
    }

    @Test
    void aPageOfLiveRoomsIsCheckedInOneBatchAndKeepsItsOrder() {
        List<CapabilityChecks.LiveRoom> page = List.of(new CapabilityChecks.LiveRoom("room-1", "ann"),
                new CapabilityChecks.LiveRoom("room-2", "restricted-bo"), new CapabilityChecks.LiveRoom("room-3", "cy"),
                new CapabilityChecks.LiveRoom("room-4", "restricted-di"));
        List<CapabilityChecks.LiveRoom> shown = new CapabilityChecks(channel, Duration.ofSeconds(5)).recommendable(page);
        assertEquals(List.of(page.get(0), page.get(2)), shown);
        assertEquals(1, service.batches.get(), "one call for the page");
    }

    @Test
    void aWatcherResumesAfterItsSavedCursorWhenTheStreamBreaksAndAfterARestart() throws InterruptedException {
        service.breakStreamAfter.set(2);
        Path cursorFile = directory.resolve("cursor");
        List<String> handled = new CopyOnWriteArrayList<>();
        new StandingWatcher(channel, cursorFile, change -> handled.add(change.getCursor()), Duration.ofMillis(10))
                .watch(4);
        assertEquals(List.of("c1", "c2", "c3", "c4"), handled, "nothing missed, nothing twice");
        assertEquals(List.of("", "c2"), service.watchedAfter, "the first watch starts from now; the second resumes");

        // A restarted watcher reads the cursor it saved.
        StandingWatcher restarted = new StandingWatcher(channel, cursorFile, change -> handled.add(change.getCursor()),
                Duration.ofMillis(10));
        assertEquals("c4", restarted.savedCursor());
        restarted.watch(1);
        assertEquals(List.of("c1", "c2", "c3", "c4", "c5"), handled);
        assertEquals("c4", service.watchedAfter.get(service.watchedAfter.size() - 1));
    }

    /** A CapabilityService whose answers each test scripts. */
    private static final class ScriptedCapabilities extends CapabilityServiceGrpc.CapabilityServiceImplBase {
        final List<String> unavailableOnce = new CopyOnWriteArrayList<>();
        final List<String> slow = new CopyOnWriteArrayList<>();
        final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
        final AtomicInteger batches = new AtomicInteger();
        final AtomicInteger breakStreamAfter = new AtomicInteger(Integer.MAX_VALUE);
        final List<String> watchedAfter = new CopyOnWriteArrayList<>();
        /** The feed: changes with cursors c1 to c9, in order. */
        final List<StandingChange> feed = IntStream.rangeClosed(1, 9).mapToObj(i -> StandingChange.newBuilder()
                .setCursor("c" + i).setAnchorId("mia").setOldScore(101 - i).setNewScore(100 - i).build()).toList();

        @Override
        public void checkCapability(CheckCapabilityRequest request, StreamObserver<Decision> observer) {
            String anchor = request.getAnchorId();
            attempts.computeIfAbsent(anchor, a -> new AtomicInteger()).incrementAndGet();
            if (unavailableOnce.remove(anchor)) {
                observer.onError(Status.UNAVAILABLE.withDescription("the database is unavailable").asRuntimeException());
                return;
            }
            if (slow.contains(anchor)) {
                // Answers only after the caller's deadline has passed, which cancels the call here too.
                awaitCancellation();
                return;
            }
            observer.onNext(decide(request));
            observer.onCompleted();
        }

        @Override
        public void batchCheckCapabilities(BatchCheckCapabilitiesRequest request,
                                           StreamObserver<BatchCheckCapabilitiesResponse> observer) {
            batches.incrementAndGet();
            observer.onNext(BatchCheckCapabilitiesResponse.newBuilder()
                    .addAllDecisions(request.getChecksList().stream().map(ScriptedCapabilities::decide).toList()).build());
            observer.onCompleted();
        }

        @Override
        public void watchStandingChanges(WatchStandingChangesRequest request, StreamObserver<StandingChange> observer) {
            watchedAfter.add(request.getAfterCursor());
            List<StandingChange> after = new ArrayList<>(feed);
            after.removeIf(change -> Integer.parseInt(change.getCursor().substring(1))
                    <= (request.getAfterCursor().isEmpty() ? 0 : Integer.parseInt(request.getAfterCursor().substring(1))));
            int sent = 0;
            for (StandingChange change : after) {
                if (sent++ == breakStreamAfter.get()) {
                    breakStreamAfter.set(Integer.MAX_VALUE);
                    observer.onError(Status.UNAVAILABLE.withDescription("the instance is stopping").asRuntimeException());
                    return;
                }
                observer.onNext(change);
            }
            // A live feed stays open; the caller cancels.
        }

        private static Decision decide(CheckCapabilityRequest check) {
            boolean allowed = !check.getAnchorId().startsWith("restricted-");
            return Decision.newBuilder().setAnchorId(check.getAnchorId()).setCapability(check.getCapability())
                    .setAllowed(allowed).setAllowedIfEnforced(allowed).setEnforced(true).setKnownAnchor(true).build();
        }

        private static void awaitCancellation() {
            try {
                while (!Context.current().isCancelled()) {
                    Thread.sleep(10);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
