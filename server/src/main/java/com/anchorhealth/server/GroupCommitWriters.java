package com.anchorhealth.server;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that write group commits. Four: enough groups in flight to keep the database busy
 * while one commits, few enough that groups stay large under load. Stopped with the server.
 */
final class GroupCommitWriters {
    static final int WRITERS = 4;

    private final ExecutorService executor;

    GroupCommitWriters() {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(WRITERS, runnable -> {
            Thread thread = new Thread(runnable, "group-commit-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    ExecutorService executor() {
        return executor;
    }

    void stop() {
        executor.shutdownNow();
    }
}
