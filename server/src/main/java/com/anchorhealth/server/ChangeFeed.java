package com.anchorhealth.server;

import com.anchorhealth.application.feed.FeedRetention;
import com.anchorhealth.application.feed.FeedSubscribers;
import com.anchorhealth.application.feed.FeedTailer;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * The change feed's background work, started and stopped with the server: the tailer (every
 * {@value #TAIL_INTERVAL_MILLIS} ms, so another instance's writes reach this one's checks well within
 * a second), the pruning of old changes, and the threads the watches read the store and send on.
 * Those are few and the feed's own: checks never block, and unary calls answer on the gRPC handler
 * threads, which watchers catching up on the table must never occupy.
 */
final class ChangeFeed {
    private static final Logger LOG = Logger.getLogger(ChangeFeed.class.getName());
    static final long TAIL_INTERVAL_MILLIS = 200;
    static final long PRUNE_INTERVAL_MINUTES = 10;
    static final int READER_THREADS = 2;

    private final FeedTailer tailer;
    private final FeedRetention retention;
    private final FeedSubscribers subscribers;
    private final ExecutorService readers = Executors.newFixedThreadPool(READER_THREADS,
            AnchorHealthServer.namedThreads("feed-reader"));
    // Two threads, so that pruning a backlog never delays the tailer.
    private final ScheduledExecutorService jobs = Executors.newScheduledThreadPool(2,
            AnchorHealthServer.namedThreads("feed-job"));

    ChangeFeed(FeedTailer tailer, FeedRetention retention, FeedSubscribers subscribers) {
        this.tailer = tailer;
        this.retention = retention;
        this.subscribers = subscribers;
    }

    /** Where watches read and send. */
    Executor readers() {
        return readers;
    }

    /** Call before the standing index loads (see {@link FeedTailer#start()}). */
    void start() {
        tailer.start();
        jobs.scheduleWithFixedDelay(new Guarded("tailing the change feed", tailer::poll), TAIL_INTERVAL_MILLIS,
                TAIL_INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        jobs.scheduleWithFixedDelay(new Guarded("pruning the change feed", () -> {
            int pruned = retention.prune();
            if (pruned > 0) {
                LOG.info("pruned " + pruned + " standing changes older than the outbox retention");
            }
        }), 0, PRUNE_INTERVAL_MINUTES, TimeUnit.MINUTES);
    }

    /** Stops the jobs and ends every watch, so that the server's shutdown does not wait for them. */
    void stop() {
        jobs.shutdownNow();
        try {
            jobs.awaitTermination(5, TimeUnit.SECONDS);
            subscribers.stopAll();
            readers.shutdown();
            if (!readers.awaitTermination(5, TimeUnit.SECONDS)) {
                readers.shutdownNow();
            }
        } catch (InterruptedException e) {
            readers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
