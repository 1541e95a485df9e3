package com.anchorhealth.adapter.web;

import com.anchorhealth.domain.policy.DefaultPolicy;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.PolicyValidation;
import com.anchorhealth.domain.policy.Thresholds;
import org.junit.jupiter.api.Test;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyWordsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final List<Labels> BOTH = List.of(Labels.of(Labels.ENGLISH, SHANGHAI),
            Labels.of(Labels.CHINESE, SHANGHAI));

    /** Every field of a policy, as a difference flattens it, reads in words in both languages: no path shows. */
    @Test
    void everyFieldOfAPolicyHasWordsInBothLanguages() {
        for (String field : PolicyFields.flatten(DefaultPolicy.candidate()).keySet()) {
            for (Labels t : BOTH) {
                String sentence = PolicyWords.difference(t, new PolicyFields.Difference(field, "1", "2"));
                assertFalse(sentence.contains(field) || sentence.contains("policy-field.") || sentence.contains("_"),
                        t.tag() + " " + field + ": " + sentence);
            }
        }
    }

    @Test
    void aDifferenceNamesTheSeverityLevelAndUnit() {
        PolicyFields.Difference minor = PolicyFields.differences(DefaultPolicy.candidate(), withRestrictedBelow(45))
                .get(0);
        assertEquals("thresholds.restricted_below", minor.field());
        assertEquals("Restricted below: 40 → 45", PolicyWords.difference(BOTH.get(0), minor));
        assertEquals("Base points, severe violation, anchor level 4: 8 points → 1 point", PolicyWords.difference(BOTH.get(0),
                new PolicyFields.Difference("deductions.SEVERE[3]", "8", "1")));
        assertEquals("特别严重违规、4 级主播的基础扣分：8 分 → 1 分", PolicyWords.difference(BOTH.get(1),
                new PolicyFields.Difference("deductions.SEVERE[3]", "8", "1")));
        assertEquals("Denied to Restricted anchors: Gifts, PK battles → none", PolicyWords.difference(BOTH.get(0),
                new PolicyFields.Difference("tier_sanctions.RESTRICTED", "[GIFTS, PK]", "[]")));
        assertEquals("a_field.added_since: 1 → 2", PolicyWords.difference(BOTH.get(0),
                new PolicyFields.Difference("a_field.added_since", "1", "2")), "a field these words do not know yet");
    }

    /** Every problem the validation finds, named by the API's path, reads in words; its reason too. */
    @Test
    void theValidationsFieldsAndReasonsReadInWords() {
        Policy broken = withRestrictedBelow(10);
        assertFalse(PolicyValidation.problems(broken).isEmpty());
        for (var problem : PolicyValidation.problems(broken)) {
            for (Labels t : BOTH) {
                Optional<String> field = PolicyWords.field(t, "policy." + problem.field());
                assertTrue(field.isPresent(), problem.field());
                assertFalse(PolicyWords.problem(t, problem.description()).contains("_"), problem.description());
            }
        }
        Labels english = BOTH.get(0);
        assertEquals(Optional.of("Base points, minor violation, anchor level 1"),
                PolicyWords.field(english, "policy.deductions[MINOR].points_by_level[0]"));
        assertEquals(Optional.of("Base points, minor violation, anchor level 2"),
                PolicyWords.field(english, "deduction_MINOR_2"));
        assertEquals(Optional.empty(), PolicyWords.field(english, "delta"), "not a policy's field");
        assertEquals("须在 1 到 8 之间", PolicyWords.problem(BOTH.get(1), "base points must be from 1 to 8"));
        assertEquals("a reason these words do not know", PolicyWords.problem(english, "a reason these words do not know"));
    }

    private static Policy withRestrictedBelow(int restrictedBelow) {
        Policy defaults = DefaultPolicy.candidate();
        Thresholds thresholds = defaults.thresholds();
        return new Policy(defaults.version(), defaults.effectiveAt(), defaults.initialScore(),
                defaults.certifiedInitialScore(), defaults.violationTypes(), defaults.deductions(),
                defaults.audienceSurcharges(), new Thresholds(restrictedBelow, thresholds.severelyRestrictedBelow(),
                thresholds.revokedBelow()), defaults.tierSanctions(), defaults.phases(),
                defaults.trafficSupportCleanDays(), defaults.warningMargin(), defaults.appealWindowDays(),
                defaults.sessionSettlementDays(), defaults.guildRules(), defaults.recovery());
    }
}
