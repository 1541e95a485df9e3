package com.anchorhealth.application.violation;

import com.anchorhealth.application.error.DeadlineExceededException;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.fixtures.ViolationRequest;
import com.anchorhealth.application.port.out.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.anchorhealth.application.fixtures.Ports.ACTOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class GroupCommitTest {
    private final Ports ports = Ports.enforced();
    /** One writer: the fixture's ports are not made for transactions on several threads at once. */
    private final ExecutorService writers = Executors.newSingleThreadExecutor();
    private final GroupCommit groupCommit = new GroupCommit(ports.violationWriter(), ports.metrics, writers,
            1);

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    GroupCommitTest() {
        ports.given(StoredAnchors.anchor("anchor-1").record());
    }

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void aCallGetsItsOwnViolationAndItsOwnErrorsUnprefixed() {
        ViolationView recorded = groupCommit.record(ViolationRequest.valid().requestId("req-a").command(), ACTOR, PATIENCE);
        assertEquals("req-a", recorded.violation().requestId());

        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> groupCommit.record(
                ViolationRequest.valid().requestId("req-b").type("NOT_IN_THE_CATALOG").command(), ACTOR, PATIENCE));
        assertEquals("violation_type", refused.violations().get(0).field());
    }

    @Test
    void callsThatQueueWhileATransactionRunsShareTheNextOne() throws Exception {
        CountDownLatch allQueued = new CountDownLatch(1);
        ports.atCommit(() -> {
            try {
                allQueued.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ExecutorService callers = Executors.newFixedThreadPool(16);
        List<Future<ViolationView>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            String requestId = "req-" + i;
            calls.add(callers.submit(() -> groupCommit.record(ViolationRequest.valid().requestId(requestId)
                    .command(), ACTOR, PATIENCE)));
        }
        Thread.sleep(300);   // the first call's transaction holds the writer; the others queue behind it
        allQueued.countDown();
        Set<String> answered = new HashSet<>();
        for (Future<ViolationView> call : calls) {
            answered.add(call.get(30, TimeUnit.SECONDS).violation().requestId());
        }
        callers.shutdownNow();
        assertEquals(16, answered.size(), "each call got its own violation");
        verify(ports.transactions, atMost(2)).inTransaction(any(), any());
        verify(ports.changes, atMost(2)).write(any(), any());
        verify(ports.metrics, atMost(2)).groupWritten(anyInt(), any());
    }

    @Test
    void whenTheSharedTransactionFailsEveryCallInItFailsWithTheCause() {
        StoreUnavailableException outage = new StoreUnavailableException("down", null);
        doThrow(outage).when(ports.transactions).inTransaction(any(), any());
        assertSame(outage, assertThrows(StoreUnavailableException.class, () ->
                groupCommit.record(ViolationRequest.valid().command(), ACTOR, PATIENCE)));
    }

    @Test
    void aCallWhoseDeadlinePassedWhileItQueuedIsAnsweredAndNeverWritten() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ports.atCommit(() -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ExecutorService callers = Executors.newSingleThreadExecutor();
        Future<ViolationView> holdsTheWriter = callers.submit(() -> groupCommit.record(
                ViolationRequest.valid().requestId("req-first").command(), ACTOR, PATIENCE));
        Thread.sleep(200);

        assertThrows(DeadlineExceededException.class, () -> groupCommit.record(
                ViolationRequest.valid().requestId("req-late").command(), ACTOR, Duration.ofMillis(100)));
        release.countDown();
        holdsTheWriter.get(30, TimeUnit.SECONDS);
        callers.shutdownNow();

        verify(ports.transactions, times(1)).inTransaction(any(), any());
        verify(ports.keys, never()).insert(argThat(key -> key.requestId().equals("req-late")));
    }

    @Test
    void aWriterSurvivesAnErrorInOneGroupAndWritesTheNext() {
        AtomicBoolean failedOnce = new AtomicBoolean();
        ports.atCommit(() -> {
            if (failedOnce.compareAndSet(false, true)) {
                throw new StackOverflowError("a bug in one group");
            }
        });
        assertThrows(IllegalStateException.class, () -> groupCommit.record(
                ViolationRequest.valid().requestId("req-1").command(), ACTOR, PATIENCE));

        assertEquals("req-2", groupCommit.record(ViolationRequest.valid().requestId("req-2").command(), ACTOR,
                PATIENCE).violation().requestId());
        assertTrue(groupCommit.writersRunning());
    }
}
