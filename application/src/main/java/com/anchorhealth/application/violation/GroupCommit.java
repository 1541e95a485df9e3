package com.anchorhealth.application.violation;

import com.anchorhealth.application.error.DeadlineExceededException;
import com.anchorhealth.application.port.out.DomainMetrics;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * RecordViolation: a single call is a group of one through {@link ViolationWriter}, and concurrent
 * calls share transactions. Each writer takes what has queued while its previous transaction ran
 * (one call when calls are rare: no waiting window), so many callers share one commit and its log
 * flush while each keeps its own result and idempotency.
 *
 * <p>Bounded everywhere: a caller waits no longer than its deadline; a call whose caller has gone
 * (deadline passed, or cancelled) before a writer takes it is never started; and a writer survives
 * whatever one group throws, so that one bad group cannot leave later callers waiting for ever.
 */
public final class GroupCommit {
    /** Calls per shared transaction at most. */
    public static final int MAX_GROUP = 64;

    private final ViolationWriter writer;
    private final DomainMetrics metrics;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger writersRunning = new AtomicInteger();
    private final int writers;

    private record Pending(ViolationWriter.Request request, CompletableFuture<ViolationView> result,
                           long enqueuedNanos, long deadlineNanos) {
        boolean abandoned() {
            return result.isDone() || System.nanoTime() - deadlineNanos >= 0;
        }
    }

    /** Starts {@code writers} writer loops on {@code executor}; they end when its threads are interrupted. */
    public GroupCommit(ViolationWriter writer, DomainMetrics metrics, Executor executor, int writers) {
        this.writer = writer;
        this.metrics = metrics;
        this.writers = writers;
        for (int i = 0; i < writers; i++) {
            executor.execute(this::writeGroups);
        }
    }

    /** Records the violation within {@code patience}, or fails with {@link DeadlineExceededException}. */
    public ViolationView record(RecordViolationCommand command, String actor, Duration patience) {
        CompletableFuture<ViolationView> result = new CompletableFuture<>();
        long now = System.nanoTime();
        queue.add(new Pending(new ViolationWriter.Request(command, actor), result, now, now + patience.toNanos()));
        try {
            return result.get(patience.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            result.cancel(false);
            throw new DeadlineExceededException("the violation was not written within the call's deadline; "
                    + "a retry with the same request_id records it at most once");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the violation was being written", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        }
    }

    /** Whether every writer loop is running: health reports writes as not serving otherwise. */
    public boolean writersRunning() {
        return writersRunning.get() == writers;
    }

    private void writeGroups() {
        writersRunning.incrementAndGet();
        try {
            List<Pending> group = new ArrayList<>(MAX_GROUP);
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    group.add(queue.take());
                } catch (InterruptedException e) {
                    return;
                }
                queue.drainTo(group, MAX_GROUP - 1);
                group.removeIf(Pending::abandoned);
                if (!group.isEmpty()) {
                    write(group);
                }
                group.clear();
            }
        } finally {
            writersRunning.decrementAndGet();
        }
    }

    private void write(List<Pending> group) {
        try {
            // The most patient caller bounds the shared transaction; the others stop waiting at their own deadline.
            long started = System.nanoTime();
            metrics.groupWritten(group.size(), Duration.ofNanos(started - group.get(0).enqueuedNanos()));
            long latest = group.stream().mapToLong(Pending::deadlineNanos).max().orElseThrow();
            List<ViolationWriter.ItemResult> results = writer.recordEach(group.stream().map(Pending::request).toList(),
                    Duration.ofNanos(Math.max(0, latest - started)));
            for (int i = 0; i < group.size(); i++) {
                ViolationWriter.ItemResult result = results.get(i);
                if (result.succeeded()) {
                    group.get(i).result().complete(result.violation());
                } else {
                    group.get(i).result().completeExceptionally(result.error());
                }
            }
        } catch (Throwable e) {
            // The shared transaction failed as a whole (the database is down, or a bug): so did every
            // call in it; none of its callers may wait for ever, and the writer goes on with the next.
            group.forEach(pending -> pending.result().completeExceptionally(e));
        }
    }
}
