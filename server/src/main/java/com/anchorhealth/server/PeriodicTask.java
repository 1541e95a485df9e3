package com.anchorhealth.server;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Work repeated on a daemon thread of its own, each run starting a fixed delay after the last. */
final class PeriodicTask {
    private final String threadName;
    private final Runnable work;
    private final Duration firstDelay;
    private final Duration delay;
    private ScheduledExecutorService scheduler;

    PeriodicTask(String threadName, Runnable work, Duration firstDelay, Duration delay) {
        this.threadName = threadName;
        this.work = work;
        this.firstDelay = firstDelay;
        this.delay = delay;
    }

    synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(work, firstDelay.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
