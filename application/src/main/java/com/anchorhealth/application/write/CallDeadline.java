package com.anchorhealth.application.write;

import com.anchorhealth.application.error.DeadlineExceededException;

import java.time.Duration;

/**
 * When a caller stops waiting for its write: fixed once when the call arrives, so that every attempt
 * of the write (a conflict runs it again) gets only the time that is left, never a fresh allowance.
 */
public record CallDeadline(long nanoTime) {
    public static CallDeadline after(Duration patience) {
        return new CallDeadline(System.nanoTime() + patience.toNanos());
    }

    public boolean passed() {
        return System.nanoTime() - nanoTime >= 0;
    }

    /** The time left; none left fails the write before it starts. */
    public Duration left() {
        long left = nanoTime - System.nanoTime();
        if (left <= 0) {
            throw new DeadlineExceededException("the call's deadline passed before its write was done; "
                    + "a retry with the same request_id writes it at most once");
        }
        return Duration.ofNanos(left);
    }

    /** The later of the two: a shared transaction lasts as long as its most patient caller waits. */
    public CallDeadline orLater(CallDeadline other) {
        return other.nanoTime - nanoTime > 0 ? other : this;
    }
}
