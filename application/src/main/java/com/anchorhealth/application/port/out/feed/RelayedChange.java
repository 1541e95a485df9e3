package com.anchorhealth.application.port.out.feed;

import com.anchorhealth.domain.sanction.ThresholdWarning;

import java.util.Objects;
import java.util.Optional;

/**
 * A feed entry as a relay publishes it: its position, the change, the version of the policy in force
 * when the change was made, and the warning that policy gives near a threshold.
 */
public record RelayedChange(long position, StandingChange change, long policyVersion,
                            Optional<ThresholdWarning> warning) {
    public RelayedChange {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(warning, "warning");
    }
}
