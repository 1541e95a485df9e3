package com.anchorhealth.application.usecase;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.fixtures.ViolationRequest;
import com.anchorhealth.application.port.out.StoreUnavailableException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.anchorhealth.application.fixtures.Ports.ACTOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atMost;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.verify;

class GroupCommitTest {
    private final Ports ports = Ports.enforced();
    /** One writer: the fixture's ports are not made for transactions on several threads at once. */
    private final ExecutorService writers = Executors.newSingleThreadExecutor();
    private final GroupCommit groupCommit = new GroupCommit(ports.batchRecordViolations(), writers, 1);

    GroupCommitTest() {
        ports.given(StoredAnchors.anchor("anchor-1").record());
    }

    @AfterEach
    void stopWriters() {
        writers.shutdownNow();
    }

    @Test
    void aCallGetsItsOwnViolationAndItsOwnErrorsUnprefixed() {
        ViolationView recorded = groupCommit.record(ViolationRequest.valid().requestId("req-a").command(), ACTOR);
        assertEquals("req-a", recorded.violation().requestId());

        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> groupCommit.record(
                ViolationRequest.valid().requestId("req-b").type("NOT_IN_THE_CATALOG").command(), ACTOR));
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
                    .command(), ACTOR)));
        }
        Thread.sleep(300);   // the first call's transaction holds the writer; the others queue behind it
        allQueued.countDown();
        Set<String> answered = new HashSet<>();
        for (Future<ViolationView> call : calls) {
            answered.add(call.get(30, TimeUnit.SECONDS).violation().requestId());
        }
        callers.shutdownNow();
        assertEquals(16, answered.size(), "each call got its own violation");
        verify(ports.transactions, atMost(2)).inTransaction(any());
        verify(ports.violations, atMost(2)).insertAll(any());
    }

    @Test
    void whenTheSharedTransactionFailsEveryCallInItFailsWithTheCause() {
        StoreUnavailableException outage = new StoreUnavailableException("down", null);
        doThrow(outage).when(ports.transactions).inTransaction(any());
        assertSame(outage, assertThrows(StoreUnavailableException.class, () ->
                groupCommit.record(ViolationRequest.valid().command(), ACTOR)));
    }
}
