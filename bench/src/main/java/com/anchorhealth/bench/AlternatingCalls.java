package com.anchorhealth.bench;

import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

import static com.anchorhealth.bench.Stats.median;
import static com.anchorhealth.bench.Stats.say;

/**
 * Two kinds of call timed against each other: one caller alternates them, so both see the machine
 * at the same moments (this machine is small and noisy), and each repetition compares their medians.
 */
final class AlternatingCalls {
    private AlternatingCalls() {
    }

    /** Prints a row per repetition; returns the median over repetitions of p50(measured) / p50(baseline). */
    static double compare(String measuredName, IntConsumer measured, String baselineName, IntConsumer baseline,
                          int calls, int reps) {
        for (int i = 0; i < calls; i++) {
            measured.accept(-1 - i);
            baseline.accept(-1 - i);
        }
        say("| rep | %s: p50 µs | p99 µs | %s: p50 µs | p99 µs | ratio of p50s |", measuredName, baselineName);
        say("|---|---|---|---|---|---|");
        List<Double> ratios = new ArrayList<>();
        int call = 0;
        for (int rep = 1; rep <= reps; rep++) {
            Histogram onMeasured = new Histogram(3);
            Histogram onBaseline = new Histogram(3);
            for (int i = 0; i < calls; i++, call++) {
                time(onMeasured, measured, call);
                time(onBaseline, baseline, call);
            }
            double ratio = (double) onMeasured.getValueAtPercentile(50) / onBaseline.getValueAtPercentile(50);
            ratios.add(ratio);
            say("| %d | %d | %d | %d | %d | %.2f |", rep, onMeasured.getValueAtPercentile(50) / 1000,
                    onMeasured.getValueAtPercentile(99) / 1000, onBaseline.getValueAtPercentile(50) / 1000,
                    onBaseline.getValueAtPercentile(99) / 1000, ratio);
        }
        return median(ratios);
    }

    private static void time(Histogram histogram, IntConsumer call, int index) {
        long started = System.nanoTime();
        call.accept(index);
        histogram.recordValue(System.nanoTime() - started);
    }
}
