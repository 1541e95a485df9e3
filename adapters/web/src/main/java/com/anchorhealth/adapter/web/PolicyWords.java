package com.anchorhealth.adapter.web;

import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Severity;
import com.anchorhealth.domain.vocabulary.Tier;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A policy's fields and values in the words a manager uses, in the visitor's language: "Base points,
 * minor violation, anchor level 1: 2 → 3 points", never {@code deductions.MINOR[0]}. A field is named by
 * its path as {@link PolicyFields} flattens a policy ({@code thresholds.restricted_below}); the paths
 * of the API's validation ({@code policy.deductions[MINOR].points_by_level[0]}) and the candidate form's
 * field names ({@code deduction_MINOR_1}) are read as the same fields. A field these words do not know
 * yet (one added to the policy since) keeps its path, so that it still shows.
 */
public final class PolicyWords {
    /** How a field's values read. */
    private enum Kind {
        SCORE, POINTS, DAYS, COUNT, PERCENT, SWITCH, INSTANT, CAPABILITIES, SEVERITY, TEXT
    }

    /** A field in words and how its values read. */
    private record Named(String words, Kind kind) {
    }

    private static final Map<String, Kind> SIMPLE_FIELDS = Map.ofEntries(
            Map.entry("initial_score", Kind.SCORE),
            Map.entry("certified_initial_score", Kind.SCORE),
            Map.entry("thresholds.restricted_below", Kind.SCORE),
            Map.entry("thresholds.severely_restricted_below", Kind.SCORE),
            Map.entry("thresholds.revoked_below", Kind.SCORE),
            Map.entry("traffic_support_clean_days", Kind.DAYS),
            Map.entry("warning_margin", Kind.POINTS),
            Map.entry("appeal_window_days", Kind.DAYS),
            Map.entry("session_settlement_days", Kind.DAYS),
            Map.entry("guild_rules.initial_score", Kind.SCORE),
            Map.entry("guild_rules.removal_at_or_below", Kind.SCORE),
            Map.entry("recovery.time_based", Kind.SWITCH),
            Map.entry("recovery.clean_days_per_point", Kind.DAYS),
            Map.entry("recovery.low_score_below", Kind.SCORE),
            Map.entry("recovery.low_score_clean_days_per_point", Kind.DAYS),
            Map.entry("recovery.learning_tasks", Kind.SWITCH),
            Map.entry("recovery.learning_task_interval_days", Kind.DAYS),
            Map.entry("phases.trial_start", Kind.INSTANT),
            Map.entry("phases.enforced_from", Kind.INSTANT),
            Map.entry("phases.time_zone", Kind.TEXT),
            Map.entry("violation_types", Kind.TEXT),
            Map.entry("tier_sanctions", Kind.CAPABILITIES),
            Map.entry("guild_rules", Kind.POINTS));

    /** A field of a list or a map, named with its key: the severity, tier, or position (from 1). */
    private record Keyed(Pattern path, String label, Kind kind) {
    }

    private static final List<Keyed> KEYED_FIELDS = List.of(
            new Keyed(Pattern.compile("deductions\\.([A-Z_]+)\\[(\\d+)]"), "deduction", Kind.POINTS),
            new Keyed(Pattern.compile("deductions\\.([A-Z_]+)"), "deduction-row", Kind.POINTS),
            new Keyed(Pattern.compile("guild_rules\\.own_violation_points\\.([A-Z_]+)"), "guild-own", Kind.POINTS),
            new Keyed(Pattern.compile("guild_rules\\.member_violation_points\\.([A-Z_]+)"), "guild-member",
                    Kind.POINTS),
            new Keyed(Pattern.compile("tier_sanctions\\.([A-Z_]+)"), "tier-sanctions", Kind.CAPABILITIES),
            new Keyed(Pattern.compile("violation_types\\[(\\d+)]\\.code"), "type-code", Kind.TEXT),
            new Keyed(Pattern.compile("violation_types\\[(\\d+)]\\.display_name"), "type-name", Kind.TEXT),
            new Keyed(Pattern.compile("violation_types\\[(\\d+)]\\.severity"), "type-severity", Kind.SEVERITY),
            new Keyed(Pattern.compile("violation_types\\[(\\d+)]\\.revokes_selling"), "type-revokes-selling",
                    Kind.SWITCH),
            new Keyed(Pattern.compile("audience_surcharges\\[(\\d+)]\\.points"), "band-points", Kind.POINTS),
            new Keyed(Pattern.compile("audience_surcharges\\[(\\d+)]\\.min_fans"), "band-fans", Kind.COUNT),
            new Keyed(Pattern.compile("audience_surcharges\\[(\\d+)]\\.min_average_viewers"), "band-viewers",
                    Kind.COUNT),
            new Keyed(Pattern.compile("phases\\.rollout\\[(\\d+)]\\.from"), "rollout-from", Kind.INSTANT),
            new Keyed(Pattern.compile("phases\\.rollout\\[(\\d+)]\\.percent"), "rollout-percent", Kind.PERCENT));

    /** The candidate form's names of the fields it edits, where they are not the policy's own paths. */
    private static final Pattern FORM_DEDUCTION = Pattern.compile("deduction_([A-Z_]+)_(\\d+)");
    private static final Pattern FORM_GUILD_OWN = Pattern.compile("guild_own_([A-Z_]+)");
    private static final Map<String, String> FORM_FIELDS = Map.of(
            "restricted_below", "thresholds.restricted_below",
            "severely_restricted_below", "thresholds.severely_restricted_below",
            "revoked_below", "thresholds.revoked_below",
            "guild_removal_at_or_below", "guild_rules.removal_at_or_below",
            "recovery_time_based", "recovery.time_based",
            "recovery_learning_tasks", "recovery.learning_tasks");
    /** The API's path of a severity's row of base points. */
    private static final Pattern API_DEDUCTIONS = Pattern.compile("deductions\\[([A-Z_]+)]\\.points_by_level");

    /** The validation's sentences, each read in the visitor's language; the others stay as they are. */
    private record Sentence(Pattern english, String label, BiFunction<Labels, Matcher, Object[]> arguments) {
    }

    private static final List<Sentence> PROBLEMS = List.of(
            new Sentence(Pattern.compile("(?:base points |surcharge )?must be from (-?\\d+) to (-?\\d+)"), "range",
                    (t, m) -> new Object[] {m.group(1), m.group(2)}),
            new Sentence(Pattern.compile("must be at least (-?\\d+)"), "at-least",
                    (t, m) -> new Object[] {m.group(1)}),
            new Sentence(Pattern.compile("must not be negative"), "not-negative", (t, m) -> new Object[0]),
            new Sentence(Pattern.compile("must be above ([a-z_.]+)"), "above",
                    (t, m) -> new Object[] {fieldNamed(t, m.group(1))}),
            new Sentence(Pattern.compile("must not exceed ([a-z_.]+)"), "not-above",
                    (t, m) -> new Object[] {fieldNamed(t, m.group(1))}),
            new Sentence(Pattern.compile("must be at least ([a-z_.]+) and at most (\\d+)"), "from-field",
                    (t, m) -> new Object[] {fieldNamed(t, m.group(1)), m.group(2)}),
            new Sentence(Pattern.compile("must be from (\\d+) to below ([a-z_.]+)"), "below-field",
                    (t, m) -> new Object[] {m.group(1), fieldNamed(t, m.group(2))}),
            new Sentence(Pattern.compile("points for ([A-Z_]+) must not be negative"), "points-not-negative",
                    (t, m) -> new Object[] {severity(t, m.group(1))}),
            new Sentence(Pattern.compile("must give (\\d+) points \\(levels 1-\\d+\\) for ([A-Z_]+)"), "levels",
                    (t, m) -> new Object[] {m.group(1), severity(t, m.group(2))}),
            new Sentence(Pattern.compile("([A-Z_]+) must deny everything ([A-Z_]+) denies"), "tiers-deny",
                    (t, m) -> new Object[] {tier(t, m.group(1)), tier(t, m.group(2))}),
            new Sentence(Pattern.compile("must be a whole number"), "whole-number", (t, m) -> new Object[0]),
            new Sentence(Pattern.compile("is required"), "required", (t, m) -> new Object[0]));

    private PolicyWords() {
    }

    /** "Base points, minor violation, anchor level 1: 2 → 3 points". */
    public static String difference(Labels t, PolicyFields.Difference difference) {
        Named named = named(t, difference.field());
        return t.t("policy-words.difference", named.words(), value(t, named.kind(), difference.before()),
                value(t, named.kind(), difference.after()));
    }

    /** A field of a refusal in words when it is a policy's (by its API path or the candidate form's name). */
    public static Optional<String> field(Labels t, String field) {
        return policyPath(field).map(path -> named(t, path).words());
    }

    /** A refusal's reason in the visitor's language, where the validation's sentence is one these words know. */
    public static String problem(Labels t, String description) {
        for (Sentence sentence : PROBLEMS) {
            Matcher matcher = sentence.english().matcher(description);
            if (matcher.matches()) {
                return t.t("policy-problem." + sentence.label(), sentence.arguments().apply(t, matcher));
            }
        }
        return description;
    }

    /** The flattened path of a field named by the API ({@code policy.…}) or the candidate form. */
    static Optional<String> policyPath(String field) {
        if (field.startsWith("policy.")) {
            return Optional.of(API_DEDUCTIONS.matcher(field.substring("policy.".length())).replaceAll("deductions.$1"));
        }
        Matcher deduction = FORM_DEDUCTION.matcher(field);
        if (deduction.matches()) {
            return Optional.of("deductions." + deduction.group(1) + "[" + (Integer.parseInt(deduction.group(2)) - 1)
                    + "]");
        }
        Matcher guildOwn = FORM_GUILD_OWN.matcher(field);
        if (guildOwn.matches()) {
            return Optional.of("guild_rules.own_violation_points." + guildOwn.group(1));
        }
        if (FORM_FIELDS.containsKey(field)) {
            return Optional.of(FORM_FIELDS.get(field));
        }
        return SIMPLE_FIELDS.containsKey(field) ? Optional.of(field) : Optional.empty();
    }

    private static Named named(Labels t, String path) {
        Kind simple = SIMPLE_FIELDS.get(path);
        if (simple != null) {
            return new Named(t.t("policy-field." + path), simple);
        }
        for (Keyed keyed : KEYED_FIELDS) {
            Matcher matcher = keyed.path().matcher(path);
            if (matcher.matches()) {
                return new Named(t.t("policy-field." + keyed.label(), keyArguments(t, matcher)), keyed.kind());
            }
        }
        return new Named(path, Kind.TEXT);
    }

    /** A severity or tier in words, a position counted from 1; a second group is a level, from 1 too. */
    private static Object[] keyArguments(Labels t, Matcher matcher) {
        Object[] arguments = new Object[matcher.groupCount()];
        for (int group = 1; group <= matcher.groupCount(); group++) {
            String key = matcher.group(group);
            arguments[group - 1] = key.chars().allMatch(Character::isDigit) ? String.valueOf(Integer.parseInt(key) + 1)
                    : constant(Severity.class, key).map(severity -> t.of("severity", severity))
                    .or(() -> constant(Tier.class, key).map(tier -> t.of("tier", tier))).orElse(key);
        }
        return arguments;
    }

    /** A field named inside a validation's sentence, bare ({@code revoked_below}) or with its parent. */
    private static String fieldNamed(Labels t, String name) {
        return policyPath(name).or(() -> policyPath("thresholds." + name)).map(path -> named(t, path).words())
                .orElse(name);
    }

    private static String value(Labels t, Kind kind, String value) {
        if (value.equals("—")) {
            return value;
        }
        return switch (kind) {
            case POINTS -> counted(t, "policy-words.points", value);
            case DAYS -> counted(t, "policy-words.days", value);
            case PERCENT -> value + "%";
            case COUNT -> number(t, value);
            case SWITCH -> t.t(Boolean.parseBoolean(value) ? "policy-words.on" : "policy-words.off");
            case INSTANT -> instant(t, value);
            case SEVERITY -> severity(t, value);
            case CAPABILITIES -> capabilities(t, value);
            case SCORE, TEXT -> value;
        };
    }

    /** "1 point", "3 points": a number the label counts; a value that is no number stays as it is. */
    private static String counted(Labels t, String label, String value) {
        try {
            return t.t(label, Long.parseLong(value));
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static String number(Labels t, String value) {
        try {
            return t.number(Long.parseLong(value));
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static String instant(Labels t, String value) {
        try {
            return t.time(Instant.parse(value));
        } catch (DateTimeParseException e) {
            return value;
        }
    }

    /** {@code [GIFTS, PK]}, as a set flattens, in words: "Gifts, PK battles"; none: "none". */
    private static String capabilities(Labels t, String value) {
        String inside = value.replaceAll("^\\[|]$", "").strip();
        if (inside.isEmpty()) {
            return t.t("policy-words.none");
        }
        return Arrays.stream(inside.split(",\\s*"))
                .map(name -> constant(Capability.class, name).map(capability -> t.of("capability", capability))
                        .orElse(name))
                .collect(Collectors.joining(t.t("policy-words.separator")));
    }

    private static String severity(Labels t, String name) {
        return constant(Severity.class, name).map(severity -> t.of("severity", severity)).orElse(name);
    }

    private static String tier(Labels t, String name) {
        return constant(Tier.class, name).map(tier -> t.of("tier", tier)).orElse(name);
    }

    private static <E extends Enum<E>> Optional<E> constant(Class<E> type, String name) {
        return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.name().equals(name)).findFirst();
    }
}
