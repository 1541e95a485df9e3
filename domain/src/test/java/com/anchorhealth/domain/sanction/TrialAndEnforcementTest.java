package com.anchorhealth.domain.sanction;

import com.anchorhealth.domain.fixtures.Anchors;
import com.anchorhealth.domain.fixtures.Buckets;
import com.anchorhealth.domain.fixtures.Facts;
import com.anchorhealth.domain.fixtures.Policies;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.ViolationType;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.anchorhealth.domain.fixtures.Moments.AFTER_ENFORCEMENT;
import static com.anchorhealth.domain.fixtures.Moments.DURING_TRIAL;
import static com.anchorhealth.domain.fixtures.Moments.ENFORCED_FROM;
import static com.anchorhealth.domain.fixtures.Moments.ROLLOUT_30;
import static com.anchorhealth.domain.fixtures.Violations.report;
import static com.anchorhealth.domain.vocabulary.Capability.PK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** DESIGN.md section 4: during the trial nothing is enforced; once enforced, the trial scores carry over. */
class TrialAndEnforcementTest {
    private static final AnchorId ANCHOR = new AnchorId("anchor-1");

    private final Policy policy = Policies.defaults();
    private final StandingFacts restrictedAt30 = Facts.atScore(30).build();

    private CapabilityDecision pk(StandingFacts facts, Instant at) {
        return CapabilityRules.decide(new SharedDecisions(policy), ANCHOR, Optional.of(facts), PK, Optional.empty(),
                at);
    }

    @Test
    void duringTheTrialADeniedCapabilityIsAllowedAndSaysWhatWouldHappen() {
        CapabilityDecision decision = pk(restrictedAt30, DURING_TRIAL);

        assertTrue(decision.allowed());
        assertFalse(decision.enforced());
        assertFalse(decision.allowedIfEnforced());
        assertEquals(DecisionReason.TIER_DENIES, decision.reason());
        assertEquals(Tier.RESTRICTED, decision.tier());
        assertEquals(30, decision.score());
        assertTrue(decision.inScope());
    }

    @Test
    void onceEnforcedTheSameFactsAreDenied() {
        CapabilityDecision decision = pk(restrictedAt30, AFTER_ENFORCEMENT);

        assertFalse(decision.allowed());
        assertTrue(decision.enforced());
        assertFalse(decision.allowedIfEnforced());
        assertEquals(DecisionReason.TIER_DENIES, decision.reason());
    }

    @ParameterizedTest(name = "at {0}: enforced={1}")
    @CsvSource({
            "2023-12-30T15:59:59.999Z, false",
            "2023-12-30T16:00:00Z,     true",
            "2023-12-30T16:00:00.001Z, true"})
    void enforcementStartsAtMidnightShanghaiOnTheThirtyFirst(Instant at, boolean enforced) {
        CapabilityDecision decision = pk(restrictedAt30, at);

        assertEquals(enforced, decision.enforced());
        assertEquals(!enforced, decision.allowed());
        assertFalse(decision.allowedIfEnforced());
    }

    @Test
    void anAnchorOutsideTheRolloutIsNeitherInScopeNorEnforced() {
        AnchorId notYetCovered = Buckets.idWithBucketAtLeast(30);

        CapabilityDecision decision = CapabilityRules.decide(new SharedDecisions(policy), notYetCovered,
                Optional.of(restrictedAt30), PK, Optional.empty(), ROLLOUT_30.plusSeconds(60));

        assertFalse(decision.inScope());
        assertFalse(decision.enforced());
        assertTrue(decision.allowed());
        assertFalse(decision.allowedIfEnforced());
    }

    @Test
    void trialScoresCarryOverIntoEnforcement() {
        // Level 4 with 10M fans: a SEVERE violation costs 8 + 5 = 13; five of them during the trial leave 35.
        AnchorProfile profile = Anchors.anchor(ANCHOR).level(4).fans(10_000_000).profile();
        ViolationType type = Policies.type("PORNOGRAPHY");
        AnchorScore.Opened opened = AnchorScore.open(profile, policy, DURING_TRIAL.minusSeconds(86_400), "test");
        List<ScoreEvent> ledger = new ArrayList<>(List.of(opened.initialEntry()));
        List<RecordedViolation> violations = new ArrayList<>();
        AnchorScore score = opened.score();
        for (int i = 1; i <= 5; i++) {
            Instant at = DURING_TRIAL.plusSeconds(60L * i);
            AnchorScore.ViolationRecorded recorded = score.recordViolation(report(ANCHOR, type, at), type, profile,
                    policy, "v-" + i, "req-" + i, at, "test");
            recorded.deduction().ifPresent(ledger::add);
            violations.add(recorded.violation());
            score = recorded.after();
        }
        StandingFacts facts = StandingFacts.fromHistory(ledger, violations);

        assertEquals(35, facts.score());
        assertTrue(pk(facts, DURING_TRIAL.plusSeconds(3_600)).allowed(), "trial: not enforced");
        CapabilityDecision enforced = pk(facts, ENFORCED_FROM);
        assertFalse(enforced.allowed());
        assertEquals(35, enforced.score(), "the score is not reset");
        assertEquals(Tier.RESTRICTED, enforced.tier());
    }
}
