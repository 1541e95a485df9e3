package com.anchorhealth.server;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that write violations, stopped with the server. Two group-commit writers: one group
 * is locked and priced while the other writes and commits (the feed's counter lets one group at a
 * time write anyway), and the fewer the writers, the more calls share each transaction: MariaDB
 * spends about as much on a group's lock, round trips and commit as on several of its violations
 * (PERFORMANCE.md, 4h). Four lane writers, each waiting for the lock of an anchor that another transaction
 * held (their calls wait in turn beyond four such anchors at once; each holds a connection while it
 * waits, so the pool keeps connections for the rest). And the threads that write a large batch's
 * other parts beside its calling thread, as many as batches are written at once (their calls'
 * handler threads bound that). And two threads for the rare capability checks that read the store
 * (the held sessions of an anchor that has more than its row keeps), off the transport threads.
 * Beside them, one thread per core that reads and folds a policy simulation's ranges of anchors.
 */
final class WriterThreads {
    static final int GROUP_COMMIT_WRITERS = 2;
    static final int HELD_ANCHOR_LANES = 4;

    private final ExecutorService groupCommit = Executors.newFixedThreadPool(GROUP_COMMIT_WRITERS,
            daemons("group-commit-"));
    private final ExecutorService heldAnchorLanes = Executors.newFixedThreadPool(HELD_ANCHOR_LANES,
            daemons("held-anchor-lane-"));
    private final ExecutorService sessionStoreChecks = Executors.newFixedThreadPool(2, daemons("session-store-check-"));
    private final ExecutorService batchParts = Executors.newCachedThreadPool(daemons("batch-part-"));
    private final ExecutorService simulationReplayers = Executors.newFixedThreadPool(
            Runtime.getRuntime().availableProcessors(), daemons("simulation-replayer-"));

    ExecutorService groupCommit() {
        return groupCommit;
    }

    ExecutorService heldAnchorLanes() {
        return heldAnchorLanes;
    }

    ExecutorService sessionStoreChecks() {
        return sessionStoreChecks;
    }

    ExecutorService batchParts() {
        return batchParts;
    }

    ExecutorService simulationReplayers() {
        return simulationReplayers;
    }

    void stop() {
        groupCommit.shutdownNow();
        heldAnchorLanes.shutdownNow();
        sessionStoreChecks.shutdownNow();
        batchParts.shutdownNow();
        simulationReplayers.shutdownNow();
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
