package com.anchorhealth.server;

import com.anchorhealth.application.recovery.RecoverScores;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
    private final Counter succeededRuns;
    private final Counter failedRuns;
    private final Counter pointsCredited;
    private final PeriodicTask task = new PeriodicTask("recovery-job", this::runOnce, FIRST_RUN, INTERVAL);

    @Inject
    RecoveryJob(RecoverScores recoverScores, MeterRegistry registry) {
        this.recoverScores = recoverScores;
        this.succeededRuns = runs(registry, "succeeded");
        this.failedRuns = runs(registry, "failed");
        this.pointsCredited = Counter.builder("anchorhealth.recovery.points")
                .description("Points given back by time-based recovery runs").register(registry);
    }

    private static Counter runs(MeterRegistry registry, String outcome) {
        return Counter.builder("anchorhealth.recovery.runs").tag("outcome", outcome)
                .description("Runs of time-based recovery").register(registry);
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
            succeededRuns.increment();
            pointsCredited.increment(run.points());
            if (run.anchorsCredited() > 0) {
                LOG.info("recovery: " + run.points() + " points to " + run.anchorsCredited() + " of "
                        + run.anchorsBelowInitial() + " anchors below their initial score");
            }
        } catch (RuntimeException e) {
            // The next run retries; a credit is all-or-nothing per anchor.
            failedRuns.increment();
            LOG.log(Level.WARNING, "recovery run failed", e);
        }
    }
}
