package com.anchorhealth.domain.guild;

import com.anchorhealth.domain.vocabulary.Severity;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The guild part of the policy: the starting score, what a guild's own violations and its members'
 * violations cost it, and the score at or below which it is removed.
 */
public record GuildRules(int initialScore, Map<Severity, Integer> ownViolationPoints,
                         Map<Severity, Integer> memberViolationPoints, int removalAtOrBelow) {

    public GuildRules {
        Objects.requireNonNull(ownViolationPoints, "ownViolationPoints");
        Objects.requireNonNull(memberViolationPoints, "memberViolationPoints");
        ownViolationPoints = Map.copyOf(new EnumMap<>(ownViolationPoints));
        memberViolationPoints = Map.copyOf(new EnumMap<>(memberViolationPoints));
    }

    public static GuildRules defaults() {
        return new GuildRules(100,
                Map.of(Severity.MINOR, 2, Severity.MODERATE, 5, Severity.SERIOUS, 10, Severity.SEVERE, 20),
                Map.of(Severity.MINOR, 0, Severity.MODERATE, 0, Severity.SERIOUS, 1, Severity.SEVERE, 2),
                50);
    }

    public int ownPoints(Severity severity) {
        return ownViolationPoints.getOrDefault(severity, 0);
    }

    public int memberPoints(Severity severity) {
        return memberViolationPoints.getOrDefault(severity, 0);
    }
}
