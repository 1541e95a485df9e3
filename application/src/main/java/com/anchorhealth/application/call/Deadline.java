package com.anchorhealth.application.call;

import java.time.Duration;

/**
 * The moment a caller stops waiting for its call, on the monotonic clock. Work done for the call
 * stops there, however many transactions it takes: a deadline is fixed once, when the call arrives,
 * and every retry of its transaction gets only what is left of it.
 */
public final class Deadline {
    /** A caller that sets no deadline still gets an answer: its work waits this long at most. */
    public static final Duration WITHOUT_CALLER_DEADLINE = Duration.ofSeconds(30);

    private final long nanoTime;

    private Deadline(long nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** {@code wait} from now. */
    public static Deadline after(Duration wait) {
        return new Deadline(System.nanoTime() + wait.toNanos());
    }

    /** The bound of a call whose caller set no deadline. */
    public static Deadline ofCallerWithoutOne() {
        return after(WITHOUT_CALLER_DEADLINE);
    }

    /** What is left, never negative. */
    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, nanoTime - System.nanoTime()));
    }

    public boolean passed() {
        return nanoTime - System.nanoTime() <= 0;
    }

    /** The later of the two: work shared by several calls lasts as long as its most patient caller waits. */
    public Deadline orLater(Deadline other) {
        return other.nanoTime - nanoTime > 0 ? other : this;
    }
}
