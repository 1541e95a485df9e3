package com.anchorhealth.application.port.out.feed;

import java.util.List;

/** Where a relay publishes the feed beyond the service (a message broker). */
public interface ChangePublisher {
    /**
     * Publishes the changes in their order, each keyed by its anchor, and returns once the broker has
     * acknowledged every one; throws {@link Unavailable} when it has not (some may still have been
     * published, so the caller publishes them again: at least once).
     */
    void publish(List<RelayedChange> changes);

    /** Lets go of the broker's connections. */
    void close();

    /** The broker did not acknowledge every change in time. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
