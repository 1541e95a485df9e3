package com.anchorhealth.server;

import com.anchorhealth.application.policy.FollowPolicies;
import com.anchorhealth.domain.policy.Policy;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every second, learns the policy versions other instances published. */
final class PolicyFollower {
    private static final Logger LOG = Logger.getLogger(PolicyFollower.class.getName());
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private final FollowPolicies followPolicies;
    private final PeriodicTask task = new PeriodicTask("policy-follower", this::refresh, INTERVAL, INTERVAL);

    @Inject
    PolicyFollower(FollowPolicies followPolicies) {
        this.followPolicies = followPolicies;
    }

    void start() {
        task.start();
    }

    void stop() {
        task.stop();
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
