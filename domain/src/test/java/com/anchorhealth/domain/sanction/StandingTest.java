package com.anchorhealth.domain.sanction;

import com.anchorhealth.domain.fixtures.Facts;
import com.anchorhealth.domain.fixtures.Policies;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.anchorhealth.domain.fixtures.Moments.AFTER_ENFORCEMENT;
import static com.anchorhealth.domain.fixtures.Moments.DURING_TRIAL;
import static com.anchorhealth.domain.fixtures.Violations.recorded;
import static com.anchorhealth.domain.fixtures.Violations.report;
import static com.anchorhealth.domain.fixtures.Violations.reportInSession;
import static com.anchorhealth.domain.vocabulary.Capability.LIVE_RECOMMENDATION;
import static com.anchorhealth.domain.vocabulary.Capability.PK;
import static com.anchorhealth.domain.vocabulary.Capability.TRAFFIC_SUPPORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandingTest {
    private static final AnchorId ANCHOR = new AnchorId("anchor-1");
    private static final Instant NOW = AFTER_ENFORCEMENT;

    private final Policy policy = Policies.defaults();

    @Test
    void factsCountOnlyActiveViolations() {
        Instant earlier = NOW.minusSeconds(7_200);
        Instant later = NOW.minusSeconds(3_600);
        RecordedViolation counted = recorded(reportInSession(ANCHOR, Policies.type("HARASSMENT"), earlier, "live-1"),
                Policies.type("HARASSMENT"), ViolationState.ACTIVE);
        RecordedViolation outOfScope = recorded(
                reportInSession(ANCHOR, Policies.type("COUNTERFEIT_GOODS"), later, "live-2"),
                Policies.type("COUNTERFEIT_GOODS"), ViolationState.OUT_OF_SCOPE);

        StandingFacts facts = StandingFacts.of(97, 100, List.of(counted, outOfScope));

        assertEquals(Optional.of(earlier), facts.lastViolationAt());
        assertFalse(facts.sellingRevoked());
        assertEquals(HeldSessions.NONE, facts.heldSessions(), "a standing checks no session");
    }

    @Test
    void factsKeepTheLatestOccurrenceAndAnySellingRevocation() {
        Instant latest = NOW.minusSeconds(60);
        RecordedViolation selling = recorded(report(ANCHOR, Policies.type("COUNTERFEIT_GOODS"), NOW.minusSeconds(600)),
                Policies.type("COUNTERFEIT_GOODS"), ViolationState.ACTIVE);
        RecordedViolation latestOne = recorded(report(ANCHOR, Policies.type("VULGAR_LANGUAGE"), latest),
                Policies.type("VULGAR_LANGUAGE"), ViolationState.ACTIVE);

        StandingFacts facts = StandingFacts.of(90, 100, List.of(latestOne, selling));

        assertEquals(Optional.of(latest), facts.lastViolationAt());
        assertTrue(facts.sellingRevoked());
        assertEquals(HeldSessions.NONE, facts.heldSessions());
    }

    @Test
    void factsFromHistoryFoldTheLedger() {
        List<ScoreEvent> ledger = List.of(
                new ScoreEvent(ANCHOR, 1, ScoreEventKind.INITIAL, 120, 120, Optional.empty(), NOW, "t"),
                new ScoreEvent(ANCHOR, 2, ScoreEventKind.DEDUCTION, -13, 107, Optional.of("v-1"), NOW, "t"));

        StandingFacts facts = StandingFacts.fromHistory(ledger, List.of());

        assertEquals(107, facts.score());
        assertEquals(120, facts.initialScore());
    }

    @Test
    void anUnregisteredAnchorIsCleanAtTheInitialScore() {
        assertEquals(new StandingFacts(100, 100, Optional.empty(), false, HeldSessions.NONE),
                StandingFacts.unregistered(policy));
    }

    @Test
    void aRestrictedStandingDuringTheTrialSaysWhatWouldBeDenied() {
        Standing standing = Standing.evaluate(policy, ANCHOR, Facts.atScore(30).build(), DURING_TRIAL);

        assertEquals(Tier.RESTRICTED, standing.tier());
        assertEquals(Set.of(LIVE_RECOMMENDATION, PK, TRAFFIC_SUPPORT), standing.deniedCapabilities());
        assertEquals(10, standing.pointsToNextThreshold());
        assertEquals(Optional.of(Tier.SEVERELY_RESTRICTED), standing.nextTierDown());
        assertTrue(standing.inScope());
        assertFalse(standing.enforced());
        assertEquals(policy.version(), standing.policyVersion());
        assertEquals(DURING_TRIAL, standing.asOf());
    }

    @Test
    void aCleanAnchorAtItsInitialScoreIsDeniedNothing() {
        Standing standing = Standing.evaluate(policy, ANCHOR, Facts.atScore(100).build(), NOW);

        assertEquals(Set.of(), standing.deniedCapabilities());
        assertEquals(60, standing.pointsToNextThreshold());
        assertTrue(standing.enforced());
    }

    @Test
    void aRevokedAnchorHasNoTierBelow() {
        Standing standing = Standing.evaluate(policy, ANCHOR, Facts.atScore(0).build(), NOW);

        assertEquals(Tier.REVOKED, standing.tier());
        assertEquals(Optional.empty(), standing.nextTierDown());
        assertTrue(standing.deniedCapabilities().contains(Capability.LIVE_BROADCAST));
        assertFalse(standing.deniedCapabilities().contains(Capability.ECOMMERCE_SELLING));
    }
}
