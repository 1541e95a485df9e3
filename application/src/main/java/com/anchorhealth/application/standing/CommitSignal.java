package com.anchorhealth.application.standing;

import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Tells the change feed's relay that this server has committed changes, so that it relays them at
 * once rather than at the end of its poll interval. Changes committed by other servers are still
 * found by the poll. Signals that come while nobody waits are kept as one: the next wait ends at once.
 */
@Singleton
public final class CommitSignal {
    private boolean pending;

    /** After a commit that may have added changes to the feed. */
    public synchronized void committed() {
        if (!pending) {
            pending = true;
            notifyAll();
        }
    }

    /**
     * Waits at most {@code timeout} for a commit signalled since the last wait, and consumes it;
     * answers whether one came.
     */
    public synchronized boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        pending = false;
        return true;
    }
}
