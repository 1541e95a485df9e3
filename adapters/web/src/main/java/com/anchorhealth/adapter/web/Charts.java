package com.anchorhealth.adapter.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The geometry of the console's charts, drawn by the templates as inline SVG: nothing is computed in
 * the browser and nothing is loaded from elsewhere. Coordinates are in the SVG's own units.
 */
public final class Charts {
    public static final int WIDTH = 640;
    public static final int HEIGHT = 220;
    static final int LEFT = 40;
    static final int RIGHT = 16;
    static final int TOP = 14;
    static final int BOTTOM = 30;

    private Charts() {
    }

    /** One value at one instant; {@code note} is what hovering the point tells. */
    public record Point(Instant at, int value, String note) {
    }

    /** A dot of a line chart, at its place, with what it tells. */
    public record Dot(String x, String y, String note) {
    }

    /** A horizontal line at a value: a threshold of the ladder or of removal. */
    public record Rule(String y, String label) {
    }

    /** An axis label at a place. */
    public record Tick(String x, String y, String label) {
    }

    /** A step line of values over time, with its dots, its rules and its axis labels. */
    public record LineChart(String path, List<Dot> dots, List<Rule> rules, List<Tick> valueTicks,
                            List<Tick> timeTicks, boolean empty) {
        public int width() {
            return WIDTH;
        }

        public int height() {
            return HEIGHT;
        }
    }

    /** A bar of a bar chart; {@code kind} picks its colour (a CSS class). */
    public record Bar(String label, long value, String kind) {
    }

    /** A bar placed: its rectangle, its value's place and the label's. */
    public record PlacedBar(Bar bar, String x, String y, String width, String height, String labelX, String valueY) {
    }

    /** Groups of bars side by side (one group per category, one bar per series). */
    public record BarChart(List<PlacedBar> bars, List<Tick> groupTicks, String baseline) {
        public int width() {
            return WIDTH;
        }

        public int height() {
            return HEIGHT;
        }
    }

    /**
     * The values as a step line: each holds until the next. {@code ceiling} is the top of the value
     * axis (an initial score), {@code rules} the values to draw across it with their labels.
     */
    public static LineChart steps(List<Point> points, int ceiling, List<Rule> rulesAtValues, Labels labels) {
        if (points.isEmpty()) {
            return new LineChart("", List.of(), List.of(), List.of(), List.of(), true);
        }
        int top = Math.max(ceiling, points.stream().mapToInt(Point::value).max().orElse(ceiling));
        long first = points.get(0).at().toEpochMilli();
        long last = points.get(points.size() - 1).at().toEpochMilli();
        double span = Math.max(1, last - first);
        double plotWidth = WIDTH - LEFT - RIGHT;
        List<Dot> dots = new ArrayList<>();
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < points.size(); i++) {
            Point point = points.get(i);
            // Points recorded within the same millisecond are spread evenly instead of stacked.
            double x = last == first ? LEFT + plotWidth * (points.size() == 1 ? 0.5 : (double) i / (points.size() - 1))
                    : LEFT + plotWidth * (point.at().toEpochMilli() - first) / span;
            double y = valueY(point.value(), top);
            if (i == 0) {
                path.append("M").append(number(x)).append(' ').append(number(y));
            } else {
                path.append(" H").append(number(x)).append(" V").append(number(y));
            }
            dots.add(new Dot(number(x), number(y), point.note()));
        }
        path.append(" H").append(number(WIDTH - RIGHT));
        List<Rule> rules = rulesAtValues.stream()
                .map(rule -> new Rule(number(valueY(Integer.parseInt(rule.y()), top)), rule.label()))
                .toList();
        List<Tick> valueTicks = List.of(new Tick(number(LEFT - 6), number(valueY(top, top) + 4), Integer.toString(top)),
                new Tick(number(LEFT - 6), number(valueY(0, top) + 4), "0"));
        List<Tick> timeTicks = List.of(new Tick(number(LEFT), number(HEIGHT - 8), labels.time(points.get(0).at())),
                new Tick(number(WIDTH - RIGHT), number(HEIGHT - 8), labels.time(points.get(points.size() - 1).at())));
        return new LineChart(path.toString(), dots, rules, valueTicks, timeTicks, false);
    }

    /** A rule to draw at a value (placed by {@link #steps}). */
    public static Rule ruleAt(int value, String label) {
        return new Rule(Integer.toString(value), label);
    }

    /** Bars grouped by category: {@code groups.get(c).get(s)} is series s of category c. */
    public static BarChart grouped(List<String> categories, List<List<Bar>> groups) {
        long max = Math.max(1, groups.stream().flatMap(List::stream).mapToLong(Bar::value).max().orElse(1));
        double plotWidth = WIDTH - LEFT - RIGHT;
        double groupWidth = plotWidth / Math.max(1, categories.size());
        double plotHeight = HEIGHT - TOP - BOTTOM;
        double baseline = HEIGHT - BOTTOM;
        List<PlacedBar> placed = new ArrayList<>();
        List<Tick> ticks = new ArrayList<>();
        for (int c = 0; c < categories.size(); c++) {
            List<Bar> series = groups.get(c);
            double barWidth = groupWidth * 0.7 / Math.max(1, series.size());
            double groupLeft = LEFT + c * groupWidth + groupWidth * 0.15;
            for (int s = 0; s < series.size(); s++) {
                Bar bar = series.get(s);
                double height = plotHeight * bar.value() / max;
                double x = groupLeft + s * barWidth;
                placed.add(new PlacedBar(bar, number(x), number(baseline - height), number(barWidth - 2),
                        number(height), number(x + (barWidth - 2) / 2), number(baseline - height - 4)));
            }
            ticks.add(new Tick(number(LEFT + c * groupWidth + groupWidth / 2), number(HEIGHT - 10), categories.get(c)));
        }
        return new BarChart(placed, ticks, number(baseline));
    }

    private static double valueY(int value, int top) {
        return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (double) value / top);
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
