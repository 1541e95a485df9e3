package com.anchorhealth.server;

import com.anchorhealth.application.recovery.RecoverScores;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs time-based recovery hourly (credits are whole days, so an hour's lateness costs nothing that
 * the next run does not pay). Every instance may run it: the use case is safe to run concurrently.
 */
final class RecoveryJob {
    private static final Logger LOG = Logger.getLogger(RecoveryJob.class.getName());
    static final Duration FIRST_RUN = Duration.ofMinutes(1);
    static final Duration INTERVAL = Duration.ofHours(1);

    private final RecoverScores recoverScores;
    private final PeriodicTask task = new PeriodicTask("recovery-job", this::runOnce, FIRST_RUN, INTERVAL);

    @Inject
    RecoveryJob(RecoverScores recoverScores) {
        this.recoverScores = recoverScores;
    }

    void start() {
        task.start();
    }

    void stop() {
        task.stop();
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
