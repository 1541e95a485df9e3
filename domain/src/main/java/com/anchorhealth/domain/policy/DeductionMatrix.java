package com.anchorhealth.domain.policy;

import com.anchorhealth.domain.vocabulary.Severity;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Base points of a violation by its severity and the anchor's level (1-4). */
public final class DeductionMatrix {
    public static final int LEVELS = 4;

    private final Map<Severity, List<Integer>> pointsByLevel;

    public DeductionMatrix(Map<Severity, List<Integer>> pointsByLevel) {
        Objects.requireNonNull(pointsByLevel, "pointsByLevel");
        EnumMap<Severity, List<Integer>> copy = new EnumMap<>(Severity.class);
        pointsByLevel.forEach((severity, points) -> copy.put(severity, List.copyOf(points)));
        this.pointsByLevel = copy;
    }

    /** Rows exactly as given (possibly incomplete, for validation to report). */
    public Map<Severity, List<Integer>> rows() {
        return Map.copyOf(pointsByLevel);
    }

    /** Points for a severity at a level; a valid matrix has every row with {@value #LEVELS} entries. */
    public int basePoints(Severity severity, int level) {
        return pointsByLevel.get(severity).get(level - 1);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DeductionMatrix matrix && matrix.pointsByLevel.equals(pointsByLevel);
    }

    @Override
    public int hashCode() {
        return pointsByLevel.hashCode();
    }

    @Override
    public String toString() {
        return "DeductionMatrix" + pointsByLevel;
    }
}
