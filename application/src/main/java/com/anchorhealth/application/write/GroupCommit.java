package com.anchorhealth.application.write;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.DeadlineExceededException;
import com.anchorhealth.application.port.out.DomainMetrics;
import com.anchorhealth.application.port.out.anchor.Locking;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The queue in front of {@link AnchorWriter} for calls that change an anchor: a single call is a group
 * of one, and concurrent calls (of any method) share transactions. Each writer takes what has queued
 * while its previous transaction ran (one call when calls are rare: no waiting window), so many
 * callers share one commit and its log
 * flush while each keeps its own result and idempotency. A caller is answered when its group has
 * committed; no thread of the caller's waits meanwhile.
 *
 * <p>No call pays for another's anchor. A group never waits for a lock: the calls whose anchor (or
 * guild) another transaction holds leave it for a lane of that anchor's own, whose thread waits for
 * the lock on those calls' deadlines while the group writers go on with every other anchor; calls
 * for that anchor that arrive meanwhile join its lane, in arrival order.
 *
 * <p>Bounded everywhere: a caller is answered by its deadline; a call whose caller has gone (deadline
 * passed, or cancelled) is dropped before it is written, also after a wait for its lock; and a writer
 * survives whatever one group throws, so that one bad group cannot leave later callers waiting.
 */
public final class GroupCommit {
    /** Calls per shared transaction at most. */
    public static final int MAX_GROUP = 64;

    private final AnchorWriter writer;
    private final DomainMetrics metrics;
    private final Executor laneWriters;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final ConcurrentMap<AnchorId, Queue<Pending>> lanes = new ConcurrentHashMap<>();
    private final AtomicInteger writersRunning = new AtomicInteger();
    private final int writers;

    private record Pending(AnchorWriter.Request<Object> request, CompletableFuture<Object> result,
                           long enqueuedNanos, Deadline deadline) {
        boolean abandoned() {
            return request.abandoned().getAsBoolean();
        }

        AnchorId anchorId() {
            return request.change().anchorId();
        }
    }

    /**
     * Starts {@code writers} writer loops on {@code groupWriters}, which end when its threads are
     * interrupted; {@code laneWriters} runs the lanes of held anchors, one thread each while it waits.
     */
    public GroupCommit(AnchorWriter writer, DomainMetrics metrics, Executor groupWriters, int writers,
                       Executor laneWriters) {
        this.writer = writer;
        this.metrics = metrics;
        this.writers = writers;
        this.laneWriters = laneWriters;
        for (int i = 0; i < writers; i++) {
            groupWriters.execute(this::writeGroups);
        }
    }

    /**
     * Queues the change; the answer completes once it is committed, or with
     * {@link DeadlineExceededException} at {@code deadline}. Cancelling the answer before a writer
     * has written the call drops it.
     */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> submit(AnchorWrite<T> change, Deadline deadline) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        AnchorWriter.Request<Object> request = new AnchorWriter.Request<>(change,
                () -> result.isDone() || deadline.passed());
        queue.add(new Pending(request, result, System.nanoTime(), deadline));
        // The writer completes it with the answer its change gave: a T.
        CompletableFuture<T> answer = ((CompletableFuture<T>) result)
                .orTimeout(deadline.remaining().toNanos(), TimeUnit.NANOSECONDS)
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(error instanceof TimeoutException
                        ? new DeadlineExceededException("the change was not written within the call's deadline; "
                        + "a retry with the same request_id makes it at most once") : error));
        answer.whenComplete((view, error) -> {
            if (error instanceof CancellationException) {
                result.cancel(false);
            }
        });
        return answer;
    }

    /** {@link #submit}, waiting for the answer on the calling thread. */
    public <T> T write(AnchorWrite<T> change, Deadline deadline) {
        return await(submit(change, deadline));
    }

    /**
     * Waits for a submitted change's answer on the calling thread (the console's pages, which render it),
     * throwing its refusal as it was made.
     */
    public static <T> T await(CompletableFuture<T> answer) {
        try {
            return answer.join();
        } catch (CompletionException e) {
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
                group.removeIf(pending -> pending.abandoned() || joinedOpenLane(pending));
                if (!group.isEmpty()) {
                    write(group, Locking.SKIP_HELD);
                }
                group.clear();
            }
        } finally {
            writersRunning.decrementAndGet();
        }
    }

    private void write(List<Pending> group, Locking locking) {
        try {
            long started = System.nanoTime();
            metrics.groupWritten(group.size(), Duration.ofNanos(started - group.get(0).enqueuedNanos()));
            // The most patient caller bounds the shared transaction; the others are answered at their own deadline.
            Deadline latest = group.stream().map(Pending::deadline).reduce(Deadline::orLater).orElseThrow();
            List<AnchorWriter.ItemResult<Object>> results = writer.writeEach(group.stream().map(Pending::request)
                    .toList(), latest, locking);
            for (int i = 0; i < group.size(); i++) {
                AnchorWriter.ItemResult<Object> result = results.get(i);
                if (result.held()) {
                    joinLane(group.get(i));
                } else if (result.succeeded()) {
                    group.get(i).result().complete(result.answer());
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

    /** Queues the call behind its anchor's lane when one is open: a lane's calls keep their arrival order. */
    private boolean joinedOpenLane(Pending pending) {
        return lanes.computeIfPresent(pending.anchorId(), (anchorId, lane) -> {
            lane.add(pending);
            return lane;
        }) != null;
    }

    private void joinLane(Pending pending) {
        boolean[] opened = {false};
        lanes.compute(pending.anchorId(), (anchorId, lane) -> {
            Queue<Pending> joined = lane != null ? lane : new ConcurrentLinkedQueue<>();
            opened[0] = lane == null;
            joined.add(pending);
            return joined;
        });
        if (opened[0]) {
            laneWriters.execute(() -> drainLane(pending.anchorId()));
        }
    }

    /** Writes the lane's calls, waiting for the anchor's lock, until none is left; then closes the lane. */
    private void drainLane(AnchorId anchorId) {
        Queue<Pending> lane = lanes.get(anchorId);
        while (true) {
            List<Pending> group = new ArrayList<>(MAX_GROUP);
            for (Pending next; group.size() < MAX_GROUP && (next = lane.poll()) != null; ) {
                if (!next.abandoned()) {
                    group.add(next);
                }
            }
            if (!group.isEmpty()) {
                write(group, Locking.WAIT);
            } else if (lanes.computeIfPresent(anchorId, (id, open) -> open.isEmpty() ? null : open) == null) {
                return;
            }
        }
    }
}
