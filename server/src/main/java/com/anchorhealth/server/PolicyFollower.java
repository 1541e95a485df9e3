package com.anchorhealth.server;

import com.anchorhealth.application.usecase.FollowPolicies;
import com.anchorhealth.domain.policy.Policy;
import jakarta.inject.Inject;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every second, learns the policy versions other instances published. */
final class PolicyFollower {
    private static final Logger LOG = Logger.getLogger(PolicyFollower.class.getName());
    static final long INTERVAL_MILLIS = 1000;

    private final FollowPolicies followPolicies;
    private ScheduledExecutorService scheduler;

    @Inject
    PolicyFollower(FollowPolicies followPolicies) {
        this.followPolicies = followPolicies;
    }

    synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "policy-follower");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::refresh, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    private void refresh() {
        try {
            for (Policy learned : followPolicies.refresh()) {
                LOG.info("policy version " + learned.version() + " (effective " + learned.effectiveAt()
                        + ") published by another instance");
            }
        } catch (RuntimeException e) {
            // The database may be away; the next round tries again.
            LOG.log(Level.FINE, "policy versions could not be read", e);
        }
    }
}
