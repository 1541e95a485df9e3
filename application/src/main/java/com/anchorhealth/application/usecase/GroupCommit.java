package com.anchorhealth.application.usecase;

import com.anchorhealth.application.command.RecordViolationCommand;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Group commit for RecordViolation: concurrent calls share transactions. Each writer takes what has
 * queued while the previous transaction ran (one call when calls are rare: no waiting window) and
 * writes it as a batch is written, so that each call still gets its own result, its own
 * idempotency and all-or-nothing; many callers share one commit and its log flush.
 */
public final class GroupCommit {
    /** Calls per shared transaction at most. */
    public static final int MAX_GROUP = 64;

    private final BatchRecordViolations batch;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();

    private record Pending(BatchRecordViolations.Request request, CompletableFuture<ViolationView> result) {
    }

    /** Starts {@code writers} writer loops on {@code executor}; they end when its threads are interrupted. */
    public GroupCommit(BatchRecordViolations batch, Executor executor, int writers) {
        this.batch = batch;
        for (int i = 0; i < writers; i++) {
            executor.execute(this::writeGroups);
        }
    }

    public ViolationView record(RecordViolationCommand command, String actor) {
        CompletableFuture<ViolationView> result = new CompletableFuture<>();
        queue.add(new Pending(new BatchRecordViolations.Request(command, actor), result));
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the violation was being written", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    private void writeGroups() {
        List<Pending> group = new ArrayList<>(MAX_GROUP);
        while (!Thread.currentThread().isInterrupted()) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                return;
            }
            queue.drainTo(group, MAX_GROUP - 1);
            write(group);
            group.clear();
        }
    }

    private void write(List<Pending> group) {
        try {
            List<BatchRecordViolations.ItemResult> results = batch.recordEach(group.stream()
                    .map(Pending::request).toList());
            for (int i = 0; i < group.size(); i++) {
                BatchRecordViolations.ItemResult result = results.get(i);
                if (result.succeeded()) {
                    group.get(i).result().complete(result.violation());
                } else {
                    group.get(i).result().completeExceptionally(result.error());
                }
            }
        } catch (RuntimeException | Error e) {
            // The shared transaction failed as a whole (the database is down): so did every call in it,
            // and none of its callers may wait for ever.
            group.forEach(pending -> pending.result().completeExceptionally(e));
            if (e instanceof Error error) {
                throw error;
            }
        }
    }
}
