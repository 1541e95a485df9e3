package com.anchorhealth.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Medians over repetitions, and formatting. */
public final class Stats {
    private Stats() {
    }

    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    public static <T> double median(List<T> runs, ToDoubleFunction<T> metric) {
        return median(runs.stream().map(metric::applyAsDouble).toList());
    }

    public static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** A line for the log, flushed at once so that a long run shows progress. */
    public static void say(String format, Object... args) {
        System.out.println(f(format, args));
        System.out.flush();
    }
}
