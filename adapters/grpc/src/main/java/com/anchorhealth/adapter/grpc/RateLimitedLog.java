package com.anchorhealth.adapter.grpc;

import java.time.Duration;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Warnings of one kind, at most one line per interval: the lines left out are counted, and the next
 * line says how many there were.
 */
final class RateLimitedLog {
    private final Logger log;
    private final long intervalNanos;
    private long nextLineAt = System.nanoTime();
    private int leftOut;

    RateLimitedLog(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    void warn(Supplier<String> line) {
        int leftOutBefore;
        synchronized (this) {
            long now = System.nanoTime();
            if (now - nextLineAt < 0) {
                leftOut++;
                return;
            }
            nextLineAt = now + intervalNanos;
            leftOutBefore = leftOut;
            leftOut = 0;
        }
        log.warning(line.get() + (leftOutBefore == 0 ? "" : " (and " + leftOutBefore + " like it since the last line)"));
    }
}
