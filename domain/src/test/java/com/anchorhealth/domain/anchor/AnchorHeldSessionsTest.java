package com.anchorhealth.domain.anchor;

import com.anchorhealth.domain.fixtures.Anchors;
import com.anchorhealth.domain.fixtures.Policies;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.anchorhealth.domain.fixtures.Moments.AFTER_ENFORCEMENT;
import static com.anchorhealth.domain.fixtures.Violations.reportInSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live sessions an anchor holds, with the default policy's 30-day settlement window. */
class AnchorHeldSessionsTest {
    private static final Policy POLICY = Policies.defaults();
    private static final AnchorProfile PROFILE = Anchors.profile("mia");
    private static final Instant DAY_0 = AFTER_ENFORCEMENT;

    private static Instant day(int days) {
        return DAY_0.plus(Duration.ofDays(days));
    }

    private static Anchor.Registered registration() {
        return Anchor.register(PROFILE, POLICY, DAY_0.minusSeconds(60), "t");
    }

    private static Anchor registered() {
        return registration().anchor();
    }

    private static Anchor.ViolationChange violation(Anchor anchor, String session, Instant at) {
        return anchor.recordViolation(reportInSession(PROFILE.anchorId(), Policies.type("VULGAR_LANGUAGE"), at, session),
                Policies.type("VULGAR_LANGUAGE"), POLICY, "v-" + at.toEpochMilli() + session, "r-" + session, at, "t");
    }

    private static Anchor violation(Anchor anchor, String session, int day) {
        return violation(anchor, session, day(day)).after();
    }

    @Test
    void aSessionIsHeldThirtyDaysAfterItsLatestViolationAndLeavesWhenTheAnchorNextChanges() {
        Anchor anchor = violation(violation(registered(), "live-1", 0), "live-2", 10);
        assertEquals(Map.of("live-1", day(30), "live-2", day(40)), anchor.heldSessions().kept());

        Anchor day35 = violation(anchor, "live-3", 35);

        assertEquals(Map.of("live-2", day(40), "live-3", day(65)), day35.heldSessions().kept());
        assertEquals(Map.of("live-2", day(40), "live-3", day(65)), day35.facts().heldSessions().kept());
        assertEquals(SessionSpill.NONE, day35.spill(), "nothing was ever pushed off");
    }

    @Test
    void anotherViolationInTheSameSessionExtendsItsHold() {
        Anchor anchor = violation(violation(registered(), "live-1", 0), "live-1", 20);

        assertEquals(Map.of("live-1", day(50)), anchor.heldSessions().kept());
    }

    @Test
    void aHeavyOffenderKeepsABoundedSetAndPushesTheRestOffInOneWrite() {
        Anchor anchor = registered();
        int sessions = HeldSessions.KEPT + 20;
        for (int i = 0; i < sessions; i++) {
            anchor = violation(anchor, "live-" + i, day(0).plusSeconds(i)).after();
        }

        assertEquals(HeldSessions.KEPT, anchor.heldSessions().kept().size());
        assertEquals(20, anchor.spill().pushedOff().size(), "a group's changes accumulate their spill");
        assertTrue(anchor.spill().pushedOff().containsKey("live-0"));
        assertTrue(anchor.spill().pruneClosed());
        assertEquals(HeldSessions.Hold.IN_STORE, anchor.facts().heldSessions().holdOf("live-0", day(29)));
        assertEquals(HeldSessions.Hold.HELD, anchor.facts().heldSessions().holdOf("live-" + (sessions - 1), day(29)));
        assertEquals(HeldSessions.Hold.NOT_HELD, anchor.facts().heldSessions().holdOf("live-0", day(31)));
    }

    @Test
    void whenTheLastPushedOffHoldClosesTheStoreIsPruned() {
        Anchor stored = new Anchor(PROFILE, registered().score(), 0,
                new HeldSessions(Map.of("live-1", day(30)), Optional.of(day(25))), Optional.of(DAY_0));

        Anchor day26 = violation(stored, "live-2", 26);

        assertEquals(new HeldSessions(Map.of("live-1", day(30), "live-2", day(56)), Optional.empty()),
                day26.heldSessions());
        assertEquals(new SessionSpill(Map.of(), Set.of(), true), day26.spill());
    }

    @Test
    void anOverturnReleasesASessionNoOtherCountedViolationHolds() {
        Anchor.Registered registration = registration();
        Anchor.ViolationChange first = violation(registration.anchor(), "live-1", day(0));
        Anchor.ViolationChange second = violation(first.after(), "live-2", day(1));
        Anchor.ViolationChange third = violation(second.after(), "live-2", day(2));
        List<RecordedViolation> newest = List.of(first.violation().inState(ViolationState.OVERTURNED),
                second.violation(), third.violation());
        List<ScoreEvent> ledger = List.of(registration.initialEntry(), first.entry().orElseThrow(),
                second.entry().orElseThrow(), third.entry().orElseThrow());
        Anchor before = third.after();

        int replayFrom = Anchor.overturnReplaysFrom(first.violation().ledgerSequence() - 1, List.of());
        assertFalse(before.overturnSeesEnough(first.violation(), newest, POLICY, day(3)),
                "an older violation could hold live-1 still: here these are all there are");
        Anchor.Change overturn = before.overturn(first.violation(), ledger.subList(replayFrom - 1, ledger.size()),
                LatestCounted.among(first.violation(), newest), POLICY, day(3), "t");

        assertEquals(1, replayFrom, "the entry before the violation");
        Anchor after = overturn.after();
        assertEquals(Map.of("live-2", day(32)), after.heldSessions().kept());
        assertEquals(Set.of("live-1"), after.spill().released());
        assertFalse(after.spill().pruneClosed());
        assertEquals(registration.anchor().score().score() + second.entry().orElseThrow().delta()
                + third.entry().orElseThrow().delta(), after.score().score(),
                "the score of the violations that still count");
        assertEquals(new ScoreEvent(PROFILE.anchorId(), 5, ScoreEventKind.RESTORATION,
                after.score().score() - before.score().score(), after.score().score(),
                Optional.of(first.violation().violationId()), day(3), "t"), overturn.entry());
        assertEquals(before, overturn.before());
    }
}
