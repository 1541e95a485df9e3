package com.anchorhealth.domain.policy;

import com.anchorhealth.domain.fixtures.Policies;
import com.anchorhealth.domain.vocabulary.Certification;
import com.anchorhealth.domain.vocabulary.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DESIGN.md sections 1-2: the catalog and the starting scores of the default policy. */
class DefaultPolicyTest {
    private final Policy policy = Policies.defaults();

    @Test
    void theCatalogHasAtLeastTenTypesOfEverySeverity() {
        List<ViolationType> catalog = policy.violationTypes();

        assertTrue(catalog.size() >= 10, "catalog of " + catalog.size());
        assertEquals(EnumSet.allOf(Severity.class),
                catalog.stream().map(ViolationType::severity).collect(Collectors.toCollection(() -> EnumSet.noneOf(Severity.class))));
        assertEquals(catalog.size(), new HashSet<>(policy.violationTypeCodes()).size(), "codes are unique");
    }

    @Test
    void someTypesRevokeSellingAndMostDoNot() {
        Set<String> revoking = policy.violationTypes().stream().filter(ViolationType::revokesSelling)
                .map(ViolationType::code).collect(Collectors.toSet());

        assertFalse(revoking.isEmpty());
        assertTrue(revoking.contains("COUNTERFEIT_GOODS"));
        assertFalse(policy.violationType("VULGAR_LANGUAGE").orElseThrow().revokesSelling());
    }

    @Test
    void typesAreFoundByCodeOnly() {
        assertEquals(Severity.SEVERE, policy.violationType("GAMBLING_PROMOTION").orElseThrow().severity());
        assertTrue(policy.violationType("gambling_promotion").isEmpty());
        assertTrue(policy.violationType("NOT_IN_THE_CATALOG").isEmpty());
    }

    @ParameterizedTest(name = "{0} anchors start at {1}")
    @CsvSource({"NONE, 100", "EXPERT, 120", "PROFESSIONAL, 120"})
    void initialScoreByCertification(Certification certification, int initial) {
        assertEquals(initial, policy.initialScoreFor(certification));
    }

    @Test
    void aCandidateIsVersionZeroEffectiveFromTheTrialAndNeedsNinetyCleanDaysForTrafficSupport() {
        assertEquals(0, policy.version());
        assertEquals(policy.phases().trialStart(), policy.effectiveAt());
        assertEquals(90, policy.trafficSupportCleanDays());
    }
}
