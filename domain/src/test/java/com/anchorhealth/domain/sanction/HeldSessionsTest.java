package com.anchorhealth.domain.sanction;

import com.anchorhealth.domain.fixtures.Facts;
import com.anchorhealth.domain.fixtures.Policies;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static com.anchorhealth.domain.fixtures.Moments.AFTER_ENFORCEMENT;
import static com.anchorhealth.domain.vocabulary.Capability.WITHDRAW_VIOLATION_INCOME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeldSessionsTest {
    /** When live-1's violation was recorded; the default policy holds a session 30 days after that. */
    private static final Instant RECORDED = AFTER_ENFORCEMENT;
    private static final Policy POLICY = Policies.defaults();
    private static final Instant HELD_UNTIL = POLICY.sessionHeldUntil(RECORDED);

    private static Instant day(double days) {
        return RECORDED.plus(Duration.ofMinutes(Math.round(days * 24 * 60)));
    }

    @Test
    void theDefaultPolicyHoldsASessionThirtyDaysAfterItsViolation() {
        assertEquals(30, POLICY.sessionSettlementDays());
        assertEquals(RECORDED.plus(Duration.ofDays(30)), HELD_UNTIL);
    }

    @ParameterizedTest(name = "{0} checked on day {1}: {2}")
    @CsvSource({
            "live-1, 0, HELD",
            "live-1, 29.99, HELD",
            "live-1, 30, NOT_HELD",
            "live-1, 45, NOT_HELD",
            "live-2, 1, NOT_HELD",
    })
    void aKeptSessionIsHeldUntilItsWindowCloses(String session, double day, HeldSessions.Hold hold) {
        HeldSessions sessions = new HeldSessions(Map.of("live-1", HELD_UNTIL), Optional.empty());

        assertEquals(hold, sessions.holdOf(session, day(day)));
    }

    @ParameterizedTest(name = "{0} checked on day {1}, a session pushed off until day 20: {2}")
    @CsvSource({
            "live-1, 5, HELD",
            "live-9, 5, IN_STORE",
            "live-9, 19.99, IN_STORE",
            "live-9, 20, NOT_HELD",
            "live-1, 31, NOT_HELD",
    })
    void aSessionNotKeptIsAskedOfTheStoreWhileAPushedOffOneMayBeHeld(String session, double day,
                                                                      HeldSessions.Hold hold) {
        HeldSessions sessions = new HeldSessions(Map.of("live-1", HELD_UNTIL), Optional.of(day(20)));

        assertEquals(hold, sessions.holdOf(session, day(day)));
    }

    @Test
    void pastTheCapTheSessionsHeldShortestArePushedOff() {
        Map<String, Instant> holds = new HashMap<>();
        for (int i = 0; i < HeldSessions.KEPT + 3; i++) {
            holds.put("live-" + i, day(30 + i));             // live-0 closes first
        }

        HeldSessions.Kept kept = HeldSessions.keeping(holds, Optional.empty(), RECORDED);

        assertEquals(HeldSessions.KEPT, kept.sessions().kept().size());
        assertEquals(Map.of("live-0", day(30), "live-1", day(31), "live-2", day(32)), kept.pushedOff());
        assertEquals(Optional.of(day(32)), kept.sessions().spilledUntil());
        assertEquals(HeldSessions.Hold.IN_STORE, kept.sessions().holdOf("live-0", day(10)));
        assertEquals(HeldSessions.Hold.HELD, kept.sessions().holdOf("live-3", day(10)));
    }

    @Test
    void anotherViolationInASessionExtendsItsHold() {
        HeldSessions sessions = new HeldSessions(Map.of("live-1", HELD_UNTIL), Optional.empty());

        HeldSessions.Kept again = sessions.holding("live-1", POLICY.sessionHeldUntil(day(10)), day(10));

        assertEquals(Map.of("live-1", day(40)), again.sessions().kept());
        assertEquals(HeldSessions.Hold.HELD, again.sessions().holdOf("live-1", day(35)));
        assertTrue(again.pushedOff().isEmpty());
    }

    @Test
    void closedHoldsLeaveWhenTheSessionsChange() {
        HeldSessions sessions = new HeldSessions(Map.of("live-1", HELD_UNTIL, "live-2", day(40)),
                Optional.of(day(25)));

        HeldSessions.Kept settled = sessions.settledAt(day(31));

        assertEquals(new HeldSessions(Map.of("live-2", day(40)), Optional.empty()), settled.sessions());
        assertEquals(new HeldSessions(Map.of("live-3", day(61)), Optional.empty()),
                settled.sessions().holding("live-3", day(61), day(41)).sessions());
    }

    @Test
    void onceTheStoreHasSaidTheCheckNeedsNoMore() {
        HeldSessions sessions = new HeldSessions(Map.of("live-1", HELD_UNTIL), Optional.of(day(20)));

        assertEquals(HeldSessions.Hold.HELD, sessions.resolving("live-9", Optional.of(day(20))).holdOf("live-9", day(5)));
        assertEquals(HeldSessions.Hold.NOT_HELD, sessions.resolving("live-9", Optional.empty()).holdOf("live-9", day(5)));
        assertEquals(HeldSessions.Hold.NOT_HELD, sessions.resolving("live-9", Optional.of(day(4))).holdOf("live-9", day(5)));
    }

    @Test
    void aSessionThatMayBeInTheStoreIsHeldUntilTheStoreSays() {
        StandingFacts facts = Facts.atScore(10)
                .heldSessions(new HeldSessions(Map.of(), Optional.of(day(20)))).build();

        CapabilityDecision unresolved = CapabilityRules.decide(new SharedDecisions(POLICY), new AnchorId("a"),
                Optional.of(facts), WITHDRAW_VIOLATION_INCOME, Optional.of("live-9"), day(5));
        CapabilityDecision resolved = CapabilityRules.decide(new SharedDecisions(POLICY), new AnchorId("a"),
                Optional.of(new StandingFacts(10, 100, Optional.empty(), false,
                        facts.heldSessions().resolving("live-9", Optional.empty()))),
                WITHDRAW_VIOLATION_INCOME, Optional.of("live-9"), day(5));

        assertFalse(unresolved.allowed());
        assertEquals(DecisionReason.SESSION_HAS_VIOLATION, unresolved.reason());
        assertTrue(resolved.allowed());
        assertEquals(DecisionReason.SESSION_WITHOUT_VIOLATION, resolved.reason());
    }
}
