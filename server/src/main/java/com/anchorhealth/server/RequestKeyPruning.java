package com.anchorhealth.server;

import com.anchorhealth.application.usecase.ForgetOldRequestKeys;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Prunes request keys past their retention hourly, in every instance (a delete is safe to run twice). */
final class RequestKeyPruning {
    private static final Logger LOG = Logger.getLogger(RequestKeyPruning.class.getName());

    private final ForgetOldRequestKeys forget;
    private final PeriodicTask task = new PeriodicTask("request-key-pruning", this::runOnce, Duration.ofMinutes(2),
            Duration.ofHours(1));

    @Inject
    RequestKeyPruning(ForgetOldRequestKeys forget) {
        this.forget = forget;
    }

    void start() {
        task.start();
    }

    void stop() {
        task.stop();
    }

    private void runOnce() {
        try {
            int forgotten = forget.runOnce();
            if (forgotten > 0) {
                LOG.info("forgot " + forgotten + " request keys past their retention");
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "pruning request keys failed; the next run tries again", e);
        }
    }
}
