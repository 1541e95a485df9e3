package com.anchorhealth.domain.policy;

import com.anchorhealth.domain.fixtures.Policies;
import com.anchorhealth.domain.vocabulary.Severity;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static com.anchorhealth.domain.vocabulary.Capability.GIFTS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class PolicyValidationTest {

    private static List<String> problemFields(Policy policy) {
        return PolicyValidation.problems(policy).stream().map(PolicyProblem::field).toList();
    }

    @Test
    void theDefaultPolicyIsValid() {
        assertEquals(List.of(), PolicyValidation.problems(Policies.defaults()));
    }

    static Stream<Arguments> invalidPolicies() {
        ViolationType first = Policies.defaults().violationTypes().get(0);
        int catalogSize = Policies.defaults().violationTypes().size();
        return Stream.of(
                arguments("base points 0", Policies.changed().deductions(Severity.MINOR, 0, 1, 2, 2).build(),
                        "deductions[MINOR].points_by_level[0]"),
                arguments("base points 9", Policies.changed().deductions(Severity.SEVERE, 6, 7, 8, 9).build(),
                        "deductions[SEVERE].points_by_level[3]"),
                arguments("a severity priced for three levels only",
                        Policies.changed().deductions(Severity.SERIOUS, 4, 5, 6).build(),
                        "deductions[SERIOUS].points_by_level"),
                arguments("surcharge 0", Policies.changed().surchargePoints(0, 0).build(),
                        "audience_surcharges[0].points"),
                arguments("surcharge 6", Policies.changed().surchargePoints(4, 6).build(),
                        "audience_surcharges[4].points"),
                arguments("restricted below severely restricted", Policies.changed().thresholds(20, 40, 1).build(),
                        "thresholds.restricted_below"),
                arguments("severely restricted below revoked", Policies.changed().thresholds(40, 1, 20).build(),
                        "thresholds.severely_restricted_below"),
                arguments("revoked_below 0", Policies.changed().thresholds(40, 20, 0).build(),
                        "thresholds.revoked_below"),
                arguments("restricted above the initial score", Policies.changed().thresholds(101, 20, 1).build(),
                        "thresholds.restricted_below"),
                arguments("trial after enforcement", Policies.changed()
                                .phases(Instant.parse("2024-01-01T00:00:00Z"), Instant.parse("2023-12-30T16:00:00Z"))
                                .build(),
                        "phases.enforced_from"),
                arguments("rollout percent 101", Policies.changed().rolloutPercents(10, 30, 60, 101).build(),
                        "phases.rollout[3].percent"),
                arguments("rollout shrinking", Policies.changed().rolloutPercents(10, 30, 20, 100).build(),
                        "phases.rollout[2].percent"),
                arguments("duplicate type code", Policies.changed().addType(
                                new ViolationType(first.code(), "Again", Severity.SEVERE, false)).build(),
                        "violation_types[" + catalogSize + "].code"),
                arguments("malformed type code", Policies.changed().addType(
                                new ViolationType("lower case", "Bad code", Severity.MINOR, false)).build(),
                        "violation_types[" + catalogSize + "].code"),
                arguments("lower tier denying less", Policies.changed().denied(Tier.SEVERELY_RESTRICTED, GIFTS).build(),
                        "tier_sanctions"));
    }

    @ParameterizedTest(name = "{0} is reported on {2}")
    @MethodSource("invalidPolicies")
    void eachProblemNamesTheField(String description, Policy policy, String field) {
        assertEquals(List.of(field), problemFields(policy));
    }

    static Stream<Arguments> validEdges() {
        return Stream.of(
                arguments("base points 1 and 8", Policies.changed().deductions(Severity.MINOR, 1, 8, 1, 8).build()),
                arguments("surcharges 1 and 5", Policies.changed().surchargePoints(0, 1).surchargePoints(4, 5).build()),
                arguments("revoked_below 1", Policies.changed().thresholds(40, 2, 1).build()),
                arguments("enforced as the trial starts", Policies.changed()
                        .phases(Instant.parse("2023-09-06T16:00:00Z"), Instant.parse("2023-09-06T16:00:00Z")).build()),
                arguments("rollout percent 0 then 100", Policies.changed().rolloutPercents(0, 0, 100, 100).build()));
    }

    @ParameterizedTest(name = "{0} is valid")
    @MethodSource("validEdges")
    void valuesAtTheLimitsAreValid(String description, Policy policy) {
        assertEquals(List.of(), problemFields(policy));
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Policy policy = Policies.changed().deductions(Severity.MINOR, 0, 1, 2, 2).surchargePoints(4, 6)
                .thresholds(40, 20, 0).build();

        assertEquals(List.of("deductions[MINOR].points_by_level[0]", "audience_surcharges[4].points",
                "thresholds.revoked_below"), problemFields(policy));
    }
}
