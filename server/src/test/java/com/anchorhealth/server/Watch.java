package com.anchorhealth.server;

import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.api.v1.WatchStandingChangesRequest;
import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A WatchStandingChanges call for tests: what arrives queues up, to be taken with a timeout. */
final class Watch implements AutoCloseable {
    private static final Object COMPLETED = new Object();

    private final BlockingQueue<Object> arrived = new LinkedBlockingQueue<>();
    private volatile ClientCallStreamObserver<WatchStandingChangesRequest> call;

    private Watch() {
    }

    static Watch open(Channel channel, String afterCursor) {
        Watch watch = new Watch();
        CapabilityServiceGrpc.newStub(channel).watchStandingChanges(
                WatchStandingChangesRequest.newBuilder().setAfterCursor(afterCursor).build(),
                new ClientResponseObserver<WatchStandingChangesRequest, StandingChange>() {
                    @Override
                    public void beforeStart(ClientCallStreamObserver<WatchStandingChangesRequest> requestStream) {
                        watch.call = requestStream;
                    }

                    @Override
                    public void onNext(StandingChange change) {
                        watch.arrived.add(change);
                    }

                    @Override
                    public void onError(Throwable error) {
                        watch.arrived.add(error);
                    }

                    @Override
                    public void onCompleted() {
                        watch.arrived.add(COMPLETED);
                    }
                });
        return watch;
    }

    /** The next change, or empty when none arrives in time; the stream ending fails the test. */
    Optional<StandingChange> poll(Duration timeout) {
        Object next = take(timeout);
        if (next == null) {
            return Optional.empty();
        }
        if (next instanceof StandingChange change) {
            return Optional.of(change);
        }
        throw new AssertionError("the watch ended: " + next, next instanceof Throwable error ? error : null);
    }

    /**
     * Makes changes until the watch shows one of them, since a watch begins on the server a moment
     * after the call; returns that change. {@code makeChange} returns the changed anchor's id.
     */
    StandingChange awaitOneOf(Supplier<String> makeChange) {
        List<String> changed = new ArrayList<>();
        for (int attempt = 0; attempt < 20; attempt++) {
            changed.add(makeChange.get());
            Optional<StandingChange> change = poll(Duration.ofMillis(500));
            if (change.isPresent()) {
                assertTrue(changed.contains(change.get().getAnchorId()), "a change made here: " + change.get());
                return change.get();
            }
        }
        throw new AssertionError("the watch saw none of the changes of " + changed);
    }

    /** The next {@code count} changes of the anchor, skipping other anchors' changes. */
    List<StandingChange> nextOf(String anchorId, int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<StandingChange> changes = new ArrayList<>();
        while (changes.size() < count) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            StandingChange change = poll(left.isNegative() ? Duration.ZERO : left).orElseThrow(() -> new AssertionError(
                    "only " + changes.size() + " of " + count + " changes of " + anchorId + " arrived in " + timeout));
            if (change.getAnchorId().equals(anchorId)) {
                changes.add(change);
            }
        }
        return changes;
    }

    /** The error that ends the stream. */
    StatusRuntimeException error(Duration timeout) {
        return assertInstanceOf(StatusRuntimeException.class, take(timeout), "the watch ends with an error");
    }

    private Object take(Duration timeout) {
        try {
            return arrived.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        call.cancel("the test is done watching", null);
    }
}
