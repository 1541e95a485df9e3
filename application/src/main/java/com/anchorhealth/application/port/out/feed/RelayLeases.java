package com.anchorhealth.application.port.out.feed;

import java.time.Duration;
import java.time.Instant;

/**
 * Each relay's progress and the lease that lets one instance at a time run it, shared by every
 * instance on the store. A relay is named by its destination, so that a new destination starts afresh.
 */
public interface RelayLeases {
    /** Whether {@code holder} holds the relay's lease, and the position up to which the relay has published. */
    record Lease(boolean held, long relayedThrough) {
    }

    /**
     * Takes the relay's lease for {@code holder} until {@code now + term} when it is free, expired or
     * already {@code holder}'s; a relay never run before starts after {@code startAfter}.
     */
    Lease acquire(String relay, String holder, Instant now, Duration term, long startAfter);

    /**
     * Records that the relay has published through {@code position}, as long as {@code holder} still
     * holds its lease; returns whether it did.
     */
    boolean advance(String relay, String holder, long position);

    /** Frees the lease if {@code holder} holds it, so that another instance takes over at once. */
    void release(String relay, String holder);
}
