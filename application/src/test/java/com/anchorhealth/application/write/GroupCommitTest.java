package com.anchorhealth.application.write;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.DeadlineExceededException;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.error.StoreUnavailableException;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.fixtures.ViolationRequest;
import com.anchorhealth.application.port.out.anchor.Locking;
import com.anchorhealth.application.violation.RecordViolationCommand;
import com.anchorhealth.application.violation.ViolationView;
import com.anchorhealth.application.violation.ViolationWrites;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static com.anchorhealth.application.fixtures.Ports.ACTOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class GroupCommitTest {
    private final Ports ports = Ports.enforced();
    /** One writer: the fixture's ports are not made for transactions on several threads at once. */
    private final ExecutorService writers = Executors.newSingleThreadExecutor();
    private final ExecutorService laneWriters = Executors.newSingleThreadExecutor();
    private final GroupCommit groupCommit = new GroupCommit(ports.anchorWriter(), ports.metrics, writers,
            1, laneWriters);
    private final ViolationWrites violations = ports.violationWrites();

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final AnchorId ANCHOR_2 = new AnchorId("anchor-2");

    GroupCommitTest() {
        ports.given(StoredAnchors.anchor("anchor-1").record());
    }

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
        laneWriters.shutdownNow();
    }

    private CompletableFuture<ViolationView> submit(RecordViolationCommand command, Deadline deadline) {
        return groupCommit.submit(violations.of(command, ACTOR), deadline);
    }

    private ViolationView record(RecordViolationCommand command, Duration patience) {
        return groupCommit.write(violations.of(command, ACTOR), Deadline.after(patience));
    }

    @Test
    void aCallGetsItsOwnViolationAndItsOwnErrorsUnprefixed() {
        ViolationView recorded = record(ViolationRequest.valid().requestId("req-a").command(), PATIENCE);
        assertEquals("req-a", recorded.violation().requestId());

        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> record(
                ViolationRequest.valid().requestId("req-b").type("NOT_IN_THE_CATALOG").command(), PATIENCE));
        assertEquals("violation_type", refused.violations().get(0).field());
    }

    @Test
    void callsThatQueueWhileATransactionRunsShareTheNextOne() throws Exception {
        CountDownLatch allQueued = commitsWaitForRelease();
        List<CompletableFuture<ViolationView>> calls = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            calls.add(submit(ViolationRequest.valid().requestId("req-" + i).command(), Deadline.after(PATIENCE)));
        }
        // Queued once submitted: the first group's transaction holds the writer at its commit meanwhile.
        allQueued.countDown();
        Set<String> answered = new HashSet<>();
        for (CompletableFuture<ViolationView> call : calls) {
            answered.add(call.get(30, TimeUnit.SECONDS).violation().requestId());
        }
        assertEquals(16, answered.size(), "each call got its own violation");
        verify(ports.transactions, atMost(2)).inTransaction(any(), any());
        verify(ports.changes, atMost(2)).writeLast(any(), any());
        verify(ports.metrics, atMost(2)).groupWritten(anyInt(), any());
    }

    @Test
    void whenTheSharedTransactionFailsEveryCallInItFailsWithTheCause() {
        StoreUnavailableException outage = new StoreUnavailableException("down", null);
        doThrow(outage).when(ports.transactions).inTransaction(any(), any());
        assertSame(outage, assertThrows(StoreUnavailableException.class, () ->
                record(ViolationRequest.valid().command(), PATIENCE)));
    }

    @Test
    void aCallWhoseDeadlinePassedWhileItQueuedIsAnsweredAndNeverWritten() throws Exception {
        CountDownLatch release = commitsWaitForRelease();
        ExecutorService callers = Executors.newSingleThreadExecutor();
        Future<ViolationView> holdsTheWriter = callers.submit(() -> record(
                ViolationRequest.valid().requestId("req-first").command(), PATIENCE));
        Thread.sleep(200);

        assertThrows(DeadlineExceededException.class, () -> record(
                ViolationRequest.valid().requestId("req-late").command(), Duration.ofMillis(100)));
        release.countDown();
        holdsTheWriter.get(30, TimeUnit.SECONDS);
        callers.shutdownNow();

        verify(ports.transactions, times(1)).inTransaction(any(), any());
        verify(ports.violations, never()).insert(argThat(violation -> violation.requestId().equals("req-late")));
    }

    @Test
    void aWriterSurvivesAnErrorInOneGroupAndWritesTheNext() {
        AtomicBoolean failedOnce = new AtomicBoolean();
        ports.atCommit(() -> {
            if (failedOnce.compareAndSet(false, true)) {
                throw new StackOverflowError("a bug in one group");
            }
        });
        assertThrows(IllegalStateException.class, () -> record(
                ViolationRequest.valid().requestId("req-1").command(), PATIENCE));

        assertEquals("req-2", record(ViolationRequest.valid().requestId("req-2").command(), PATIENCE).violation()
                .requestId());
        assertTrue(groupCommit.writersRunning());
    }

    @Test
    void callsForAnAnchorHeldElsewhereWaitInItsLaneWhileOtherAnchorsAreWritten() throws Exception {
        ports.given(StoredAnchors.anchor("anchor-2").record());
        ports.heldElsewhere(ANCHOR_2);
        CompletableFuture<ViolationView> waiting = submit(ViolationRequest.valid().anchorId("anchor-2")
                .requestId("req-held").command(), Deadline.after(PATIENCE));
        CompletableFuture<ViolationView> joining = submit(ViolationRequest.valid().anchorId("anchor-2")
                .requestId("req-joins").command(), Deadline.after(PATIENCE));

        for (int i = 0; i < 3; i++) {
            assertEquals("req-" + i, record(ViolationRequest.valid().requestId("req-" + i).command(),
                    PATIENCE).violation().requestId(), "the one writer is free for other anchors");
        }
        assertFalse(waiting.isDone());
        assertFalse(joining.isDone());

        ports.releasedElsewhere(ANCHOR_2);
        assertEquals("req-held", waiting.get(30, TimeUnit.SECONDS).violation().requestId());
        assertEquals("req-joins", joining.get(30, TimeUnit.SECONDS).violation().requestId());
        verify(ports.changes, atLeastOnce()).lockAll(argThat(ids -> ids.contains(ANCHOR_2)), eq(Locking.WAIT));
    }

    @Test
    void aCallItsCallerCancelledBeforeItsWriteIsNeverWritten() throws Exception {
        CountDownLatch release = commitsWaitForRelease();
        CompletableFuture<ViolationView> holdsTheWriter = submit(
                ViolationRequest.valid().requestId("req-first").command(), Deadline.after(PATIENCE));
        Thread.sleep(200);
        CompletableFuture<ViolationView> cancelled = submit(
                ViolationRequest.valid().requestId("req-cancelled").command(), Deadline.after(PATIENCE));

        cancelled.cancel(false);
        release.countDown();
        holdsTheWriter.get(30, TimeUnit.SECONDS);
        assertEquals("req-next", record(ViolationRequest.valid().requestId("req-next").command(), PATIENCE)
                .violation().requestId());

        verify(ports.violations, never()).insert(argThat(violation -> violation.requestId().equals("req-cancelled")));
    }

    /** Every commit waits until the latch is counted down: the one writer stays in its transaction meanwhile. */
    private CountDownLatch commitsWaitForRelease() {
        CountDownLatch release = new CountDownLatch(1);
        ports.atCommit(() -> {
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return release;
    }
}
