package com.anchorhealth.server;

import com.anchorhealth.application.usecase.RecoverScores;
import jakarta.inject.Inject;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs time-based recovery hourly (credits are whole days, so an hour's lateness costs nothing that
 * the next run does not pay). Every instance may run it: the use case is safe to run concurrently.
 */
final class RecoveryJob {
    private static final Logger LOG = Logger.getLogger(RecoveryJob.class.getName());
    static final long FIRST_RUN_MINUTES = 1;
    static final long INTERVAL_MINUTES = 60;

    private final RecoverScores recoverScores;
    private ScheduledExecutorService scheduler;

    @Inject
    RecoveryJob(RecoverScores recoverScores) {
        this.recoverScores = recoverScores;
    }

    synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "recovery-job");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::runOnce, FIRST_RUN_MINUTES, INTERVAL_MINUTES, TimeUnit.MINUTES);
    }

    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    private void runOnce() {
        try {
            RecoverScores.Run run = recoverScores.runOnce();
            if (run.anchorsCredited() > 0) {
                LOG.info("recovery: " + run.points() + " points to " + run.anchorsCredited() + " of "
                        + run.anchorsBelowInitial() + " anchors below their initial score");
            }
        } catch (RuntimeException e) {
            // The next run retries; a credit is all-or-nothing per anchor.
            LOG.log(Level.WARNING, "recovery run failed", e);
        }
    }
}
