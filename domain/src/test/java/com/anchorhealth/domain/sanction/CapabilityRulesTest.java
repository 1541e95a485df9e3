package com.anchorhealth.domain.sanction;

import com.anchorhealth.domain.fixtures.Facts;
import com.anchorhealth.domain.fixtures.Policies;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static com.anchorhealth.domain.fixtures.Moments.AFTER_ENFORCEMENT;
import static com.anchorhealth.domain.fixtures.Moments.daysBefore;
import static com.anchorhealth.domain.vocabulary.Capability.ECOMMERCE_SELLING;
import static com.anchorhealth.domain.vocabulary.Capability.GIFTS;
import static com.anchorhealth.domain.vocabulary.Capability.LIVE_BROADCAST;
import static com.anchorhealth.domain.vocabulary.Capability.LIVE_RECOMMENDATION;
import static com.anchorhealth.domain.vocabulary.Capability.PK;
import static com.anchorhealth.domain.vocabulary.Capability.TRAFFIC_SUPPORT;
import static com.anchorhealth.domain.vocabulary.Capability.WITHDRAW_VIOLATION_INCOME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** DESIGN.md section 3: each capability rule alone, then the rules together under enforcement. */
class CapabilityRulesTest {
    private static final AnchorId ANCHOR = new AnchorId("anchor-1");
    private static final Instant NOW = AFTER_ENFORCEMENT;

    private final Policy policy = Policies.defaults();

    private Optional<CapabilityRules.Verdict> evaluate(CapabilityRules.Rule rule, StandingFacts facts,
                                                       Capability capability, Optional<String> session) {
        return rule.evaluate(policy, facts, policy.thresholds().tierFor(facts.score()), capability,
                session.orElse(""), NOW);
    }

    private CapabilityDecision decide(StandingFacts facts, Capability capability, Optional<String> session) {
        return CapabilityRules.decide(new SharedDecisions(policy), ANCHOR, Optional.of(facts), capability, session,
                NOW);
    }

    private static CapabilityRules.Verdict verdict(boolean allowed, DecisionReason reason) {
        return new CapabilityRules.Verdict(allowed, reason);
    }

    // --- SELLING ---

    @ParameterizedTest(name = "selling revoked at score {0}")
    @CsvSource({"100", "40", "1"})
    void aSellingRevocationDeniesSellingWhateverTheScore(int score) {
        StandingFacts facts = Facts.atScore(score).sellingRevoked().build();

        assertEquals(Optional.of(verdict(false, DecisionReason.SELLING_REVOKED)),
                evaluate(CapabilityRules.SELLING, facts, ECOMMERCE_SELLING, Optional.empty()));
        CapabilityDecision decision = decide(facts, ECOMMERCE_SELLING, Optional.empty());
        assertFalse(decision.allowed());
        assertEquals(DecisionReason.SELLING_REVOKED, decision.reason());
    }

    @Test
    void theSellingRuleConcernsOnlySellingAndOnlyWhenRevoked() {
        StandingFacts revoked = Facts.atScore(100).sellingRevoked().build();

        assertEquals(Optional.empty(), evaluate(CapabilityRules.SELLING, revoked, PK, Optional.empty()));
        assertEquals(Optional.empty(),
                evaluate(CapabilityRules.SELLING, Facts.atScore(100).build(), ECOMMERCE_SELLING, Optional.empty()));
        assertTrue(decide(revoked, PK, Optional.empty()).allowed());
        assertTrue(decide(Facts.atScore(5).build(), ECOMMERCE_SELLING, Optional.empty()).allowed(),
                "no tier denies selling");
    }

    // --- TRAFFIC_SUPPORT ---

    @ParameterizedTest(name = "last violation {0} days ago: allowed={1}")
    @CsvSource({"1, false", "89, false", "91, true", "365, true"})
    void trafficSupportNeedsNinetyCleanDays(int daysAgo, boolean allowed) {
        StandingFacts facts = Facts.atScore(100).lastViolationAt(daysBefore(NOW, daysAgo)).build();

        Optional<CapabilityRules.Verdict> verdict =
                evaluate(CapabilityRules.TRAFFIC_SUPPORT, facts, TRAFFIC_SUPPORT, Optional.empty());
        CapabilityDecision decision = decide(facts, TRAFFIC_SUPPORT, Optional.empty());

        assertEquals(allowed ? Optional.empty() : Optional.of(verdict(false, DecisionReason.RECENT_VIOLATION)),
                verdict);
        assertEquals(allowed, decision.allowed());
        assertEquals(allowed ? DecisionReason.TIER_ALLOWS : DecisionReason.RECENT_VIOLATION, decision.reason());
    }

    /** At the edge of the clean days, to the nanosecond, and from instants with and without nanoseconds. */
    @Test
    void aViolationIsRecentJustAfterTheCleanDaysBegin() {
        for (Instant now : List.of(NOW, NOW.plusNanos(1), NOW.plusNanos(999_999_999), NOW.minusNanos(1))) {
            Instant cleanSince = now.minus(Duration.ofDays(90));
            for (long offset : new long[]{-1_000_000_001L, -1, 0, 1, 999_999_999, 1_000_000_000}) {
                Instant last = cleanSince.plusNanos(offset);
                assertEquals(last.isAfter(cleanSince), CapabilityRules.violatedWithinDays(
                        Facts.atScore(100).lastViolationAt(last).build(), 90, now), last + " at " + now);
            }
        }
    }

    @ParameterizedTest(name = "score {0} of initial {1}")
    @CsvSource({"99, 100", "100, 120", "119, 120"})
    void trafficSupportNeedsTheFullInitialScore(int score, int initial) {
        StandingFacts facts = Facts.atScore(score).initial(initial).build();

        assertEquals(Optional.of(verdict(false, DecisionReason.BELOW_INITIAL_SCORE)),
                evaluate(CapabilityRules.TRAFFIC_SUPPORT, facts, TRAFFIC_SUPPORT, Optional.empty()));
        assertFalse(decide(facts, TRAFFIC_SUPPORT, Optional.empty()).allowed());
    }

    @Test
    void aCleanAnchorAtItsInitialScoreGetsTrafficSupport() {
        assertTrue(decide(Facts.atScore(100).build(), TRAFFIC_SUPPORT, Optional.empty()).allowed());
        assertTrue(decide(Facts.atScore(120).initial(120).build(), TRAFFIC_SUPPORT, Optional.empty()).allowed());
    }

    // --- SESSION_INCOME ---

    @Test
    void incomeOfASessionWithAViolationIsFrozenWhenSeverelyRestricted() {
        StandingFacts facts = Facts.atScore(10).sessionsWithViolations("live-7").build();

        assertEquals(Optional.of(verdict(false, DecisionReason.SESSION_HAS_VIOLATION)),
                evaluate(CapabilityRules.SESSION_INCOME, facts, WITHDRAW_VIOLATION_INCOME, Optional.of("live-7")));
        CapabilityDecision decision = decide(facts, WITHDRAW_VIOLATION_INCOME, Optional.of("live-7"));
        assertFalse(decision.allowed());
        assertEquals(DecisionReason.SESSION_HAS_VIOLATION, decision.reason());
    }

    @Test
    void incomeOfACleanSessionStaysWithdrawableWhenSeverelyRestricted() {
        StandingFacts facts = Facts.atScore(10).sessionsWithViolations("live-7").build();

        assertEquals(Optional.of(verdict(true, DecisionReason.SESSION_WITHOUT_VIOLATION)),
                evaluate(CapabilityRules.SESSION_INCOME, facts, WITHDRAW_VIOLATION_INCOME, Optional.of("live-8")));
        CapabilityDecision decision = decide(facts, WITHDRAW_VIOLATION_INCOME, Optional.of("live-8"));
        assertTrue(decision.allowed());
        assertEquals(DecisionReason.SESSION_WITHOUT_VIOLATION, decision.reason());
    }

    @Test
    void withoutASessionTheTierDecides() {
        StandingFacts facts = Facts.atScore(10).sessionsWithViolations("live-7").build();

        assertEquals(Optional.empty(),
                evaluate(CapabilityRules.SESSION_INCOME, facts, WITHDRAW_VIOLATION_INCOME, Optional.empty()));
        CapabilityDecision decision = decide(facts, WITHDRAW_VIOLATION_INCOME, Optional.empty());
        assertFalse(decision.allowed());
        assertEquals(DecisionReason.TIER_DENIES, decision.reason());
    }

    @ParameterizedTest(name = "score {0} ({1}) may withdraw the income of a session with a violation")
    @CsvSource({"100, NORMAL", "40, NORMAL", "20, RESTRICTED"})
    void aboveSevereRestrictionEvenViolationIncomeIsWithdrawable(int score, Tier tier) {
        StandingFacts facts = Facts.atScore(score).sessionsWithViolations("live-7").build();

        assertEquals(Optional.empty(),
                evaluate(CapabilityRules.SESSION_INCOME, facts, WITHDRAW_VIOLATION_INCOME, Optional.of("live-7")));
        CapabilityDecision decision = decide(facts, WITHDRAW_VIOLATION_INCOME, Optional.of("live-7"));
        assertEquals(tier, decision.tier());
        assertTrue(decision.allowed());
        assertEquals(DecisionReason.TIER_ALLOWS, decision.reason());
    }

    // --- TIER, every capability of the ladder at every threshold ---

    static Stream<Arguments> ladder() {
        Set<Capability> restricted = Set.of(LIVE_RECOMMENDATION, PK);
        Set<Capability> severely = Set.of(LIVE_RECOMMENDATION, PK, GIFTS, WITHDRAW_VIOLATION_INCOME);
        Set<Capability> revoked = Set.of(LIVE_RECOMMENDATION, PK, GIFTS, WITHDRAW_VIOLATION_INCOME, LIVE_BROADCAST);
        Stream.Builder<Arguments> rows = Stream.builder();
        int[] scores = {100, 40, 39, 20, 19, 1, 0};
        Set<?>[] deniedAt = {Set.of(), Set.of(), restricted, restricted, severely, severely, revoked};
        for (int i = 0; i < scores.length; i++) {
            for (Capability capability : List.of(LIVE_RECOMMENDATION, PK, GIFTS, WITHDRAW_VIOLATION_INCOME,
                    LIVE_BROADCAST)) {
                rows.add(arguments(scores[i], capability, !deniedAt[i].contains(capability)));
            }
        }
        return rows.build();
    }

    @ParameterizedTest(name = "score {0}, {1}: allowed={2}")
    @MethodSource("ladder")
    void theTierDecidesTheLadderCapabilities(int score, Capability capability, boolean allowed) {
        CapabilityDecision decision = decide(Facts.atScore(score).build(), capability, Optional.empty());

        assertEquals(allowed, decision.allowed());
        assertEquals(allowed, decision.allowedIfEnforced());
        assertEquals(allowed ? DecisionReason.TIER_ALLOWS : DecisionReason.TIER_DENIES, decision.reason());
        assertEquals(score, decision.score());
        assertTrue(decision.enforced());
    }

    // --- unknown anchors ---

    @ParameterizedTest(name = "an unknown anchor may use {0}")
    @EnumSource(Capability.class)
    void anUnknownAnchorIsHealthyAtTheInitialScore(Capability capability) {
        CapabilityDecision decision = CapabilityRules.decide(new SharedDecisions(policy),
                new AnchorId("never-registered"), Optional.empty(), capability, Optional.empty(), NOW);

        assertTrue(decision.allowed());
        assertTrue(decision.allowedIfEnforced());
        assertFalse(decision.knownAnchor());
        assertEquals(DecisionReason.UNKNOWN_ANCHOR, decision.reason());
        assertEquals(100, decision.score());
        assertEquals(Tier.NORMAL, decision.tier());
        assertEquals(policy.version(), decision.policyVersion());
    }

    @Test
    void aKnownAnchorIsSaidToBeKnown() {
        CapabilityDecision decision = decide(Facts.atScore(100).build(), PK, Optional.empty());

        assertTrue(decision.knownAnchor());
        assertEquals(DecisionReason.TIER_ALLOWS, decision.reason());
    }
}
