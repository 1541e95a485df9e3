package com.anchorhealth.application.feed;

import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.domain.sanction.ThresholdWarning;

import java.util.Objects;
import java.util.Optional;

/** A standing change as a watcher gets it: with its feed position and, near a threshold, a warning. */
public record WatchedChange(long position, StandingChange change, Optional<ThresholdWarning> warning) {
    public WatchedChange {
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(warning, "warning");
    }
}
