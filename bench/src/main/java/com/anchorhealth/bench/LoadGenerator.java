package com.anchorhealth.bench;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.common.util.concurrent.MoreExecutors;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives an asynchronous call in a closed loop (a fixed number of calls outstanding, each completion
 * issues the next) or an open loop (calls issued on a fixed schedule whatever the responses do).
 * Open-loop latency is measured from each call's intended send time, so a stalled server or a late
 * sender shows up in the percentiles instead of being hidden (no coordinated omission).
 */
public final class LoadGenerator {
    /** Issues call number {@code sequence}; the future completes when the response (or error) arrives. */
    @FunctionalInterface
    public interface Call {
        ListenableFuture<?> start(long sequence);
    }

    /** What one measured window gave: completions per second and latency in nanoseconds. */
    public record Result(double qps, long completed, long errors, Histogram latency, double offeredRate) {
        public double p50Micros() {
            return latency.getValueAtPercentile(50) / 1000.0;
        }

        public double p99Micros() {
            return latency.getValueAtPercentile(99) / 1000.0;
        }

        public double p999Micros() {
            return latency.getValueAtPercentile(99.9) / 1000.0;
        }

        public double maxMicros() {
            return latency.getMaxValue() / 1000.0;
        }
    }

    private static final long HIGHEST_TRACKABLE_NANOS = TimeUnit.SECONDS.toNanos(120);

    private LoadGenerator() {
    }

    /** {@code concurrency} calls outstanding at all times; latency from send to response. */
    public static Result closedLoop(Call call, int concurrency, Duration warmup, Duration measure)
            throws InterruptedException {
        Recorder recorder = new Recorder(HIGHEST_TRACKABLE_NANOS, 3);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger outstanding = new AtomicInteger();
        AtomicLong sequence = new AtomicLong();
        LongAdder errors = new LongAdder();
        class Slot {
            void issue() {
                if (!running.get()) {
                    return;
                }
                outstanding.incrementAndGet();
                long sent = System.nanoTime();
                ListenableFuture<?> future;
                try {
                    future = call.start(sequence.getAndIncrement());
                } catch (RuntimeException e) {
                    outstanding.decrementAndGet();
                    errors.increment();
                    throw e;
                }
                future.addListener(() -> {
                    long latency = System.nanoTime() - sent;
                    recorder.recordValue(Math.min(latency, HIGHEST_TRACKABLE_NANOS));
                    if (failed(future)) {
                        errors.increment();
                    }
                    outstanding.decrementAndGet();
                    issue();
                }, MoreExecutors.directExecutor());
            }
        }
        for (int i = 0; i < concurrency; i++) {
            new Slot().issue();
        }
        Thread.sleep(warmup.toMillis());
        recorder.reset();
        long startErrors = errors.sum();
        long start = System.nanoTime();
        Thread.sleep(measure.toMillis());
        Histogram latency = recorder.getIntervalHistogram();
        long end = System.nanoTime();
        // The window's calls are the histogram's: one count, so QPS and percentiles agree.
        long count = latency.getTotalCount();
        long errorCount = errors.sum() - startErrors;
        running.set(false);
        drain(outstanding);
        return new Result(count / ((end - start) / 1e9), count, errorCount, latency, Double.NaN);
    }

    /**
     * Calls issued at {@code ratePerSecond} on a fixed schedule (from one pacing thread that parks, so it
     * costs no core); a call's latency runs from when it should have been sent. Only calls scheduled in
     * the measured window count.
     */
    public static Result openLoop(Call call, double ratePerSecond, Duration warmup, Duration measure)
            throws InterruptedException {
        Recorder recorder = new Recorder(HIGHEST_TRACKABLE_NANOS, 3);
        AtomicInteger outstanding = new AtomicInteger();
        LongAdder completed = new LongAdder();
        LongAdder errors = new LongAdder();
        double periodNanos = 1e9 / ratePerSecond;
        long origin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(5);
        long measureFrom = origin + warmup.toNanos();
        long measureUntil = measureFrom + measure.toNanos();
        long issuedInWindow = 0;
        for (long i = 0; ; i++) {
            long intended = origin + (long) (i * periodNanos);
            if (intended >= measureUntil) {
                break;
            }
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            boolean measured = intended >= measureFrom;
            if (measured) {
                issuedInWindow++;
            }
            outstanding.incrementAndGet();
            ListenableFuture<?> future = call.start(i);
            future.addListener(() -> {
                long latency = System.nanoTime() - intended;
                if (measured) {
                    recorder.recordValue(Math.min(latency, HIGHEST_TRACKABLE_NANOS));
                    completed.increment();
                    if (failed(future)) {
                        errors.increment();
                    }
                }
                outstanding.decrementAndGet();
            }, MoreExecutors.directExecutor());
        }
        drain(outstanding);
        Histogram latency = recorder.getIntervalHistogram();
        long count = completed.sum();
        return new Result(count / (measure.toNanos() / 1e9), count, errors.sum(), latency,
                issuedInWindow / (measure.toNanos() / 1e9));
    }

    private static boolean failed(ListenableFuture<?> future) {
        try {
            future.get();
            return false;
        } catch (Exception e) {
            return true;
        }
    }

    private static void drain(AtomicInteger outstanding) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (outstanding.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
    }
}
