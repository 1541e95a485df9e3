package com.anchorhealth.application.capability;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.fixtures.MovableClock;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.domain.sanction.CapabilityDecision;
import com.anchorhealth.domain.sanction.DecisionReason;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static com.anchorhealth.application.fixtures.Errors.badFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class CheckCapabilityTest {
    private static final CheckCapability.Query PK_OF_ANCHOR_1 =
            new CheckCapability.Query(new AnchorId("anchor-1"), Capability.PK, Optional.empty());

    @ParameterizedTest(name = "{0} checks are refused")
    @ValueSource(ints = {0, 1001})
    void aBatchHoldsOneToOneThousandChecks(int size) {
        CheckCapability checks = Ports.enforced().checkCapability();

        assertEquals(List.of("checks"), badFields(() -> checks.checkAll(Scope.EVERY_GUILD, Collections.nCopies(size, PK_OF_ANCHOR_1))));
    }

    /** The instant is shared within a millisecond (no object a check), never beyond it. */
    @Test
    void eachCheckIsDecidedAtTheClocksInstantAsTheClockMoves() {
        Ports ports = Ports.enforced();
        Instant nextMillisecond = ports.now().plusMillis(1);
        ports.policies.add(ports.policy.withVersion(2, nextMillisecond));
        ports.policies.add(ports.policy.withVersion(3, nextMillisecond.plus(Duration.ofDays(1))));
        MovableClock clock = new MovableClock(ports.now());
        CheckCapability checks = new CheckCapability(ports.index, ports.policies, ports.spilledSessions,
                new ScopeChecks(ports.anchors), clock);

        assertEquals(1, checks.check(Scope.EVERY_GUILD, PK_OF_ANCHOR_1).policyVersion());
        clock.set(nextMillisecond);
        assertEquals(2, checks.check(Scope.EVERY_GUILD, PK_OF_ANCHOR_1).policyVersion());
        clock.set(nextMillisecond.plus(Duration.ofDays(1)));
        assertEquals(3, checks.checkAll(Scope.EVERY_GUILD, List.of(PK_OF_ANCHOR_1)).get(0).policyVersion());
    }

    @Test
    void oneThousandChecksAreDecided() {
        CheckCapability checks = Ports.enforced().checkCapability();

        assertEquals(1000, checks.checkAll(Scope.EVERY_GUILD, Collections.nCopies(1000, PK_OF_ANCHOR_1)).size());
    }

    @Test
    void eachCheckOfABatchIsDecidedForItsOwnAnchor() {
        Ports ports = Ports.enforced();
        ports.given(StoredAnchors.anchor("anchor-1").score(30, 4).record());

        List<CapabilityDecision> decisions = ports.checkCapability().checkAll(Scope.EVERY_GUILD, List.of(PK_OF_ANCHOR_1,
                new CheckCapability.Query(new AnchorId("anchor-9"), Capability.PK, Optional.empty())));

        assertFalse(decisions.get(0).allowed());
        assertEquals(DecisionReason.TIER_DENIES, decisions.get(0).reason());
        assertTrue(decisions.get(1).allowed());
        assertEquals(DecisionReason.UNKNOWN_ANCHOR, decisions.get(1).reason());
        assertEquals(1, decisions.get(0).policyVersion());
    }

    @Test
    void aSessionTheRowPushedOffIsAskedOfTheStoreWhereTheTierDeniesWithdrawing() {
        Ports ports = Ports.enforced();
        Instant heldUntil = ports.now().plus(Duration.ofDays(20));
        ports.given(StoredAnchors.anchor("anchor-1").score(10, 40).lastViolationAt(ports.now())
                .heldSessions(new HeldSessions(Map.of("live-new", heldUntil), Optional.of(heldUntil))).record());
        when(ports.spilledSessions.heldUntil(new AnchorId("anchor-1"), "live-old")).thenReturn(Optional.of(heldUntil));
        when(ports.spilledSessions.heldUntil(new AnchorId("anchor-1"), "live-clean")).thenReturn(Optional.empty());
        CheckCapability checks = ports.checkCapability();

        assertTrue(checks.readsStore(Scope.EVERY_GUILD, withdraw("live-old")));
        assertFalse(checks.readsStore(Scope.EVERY_GUILD, withdraw("live-new")), "kept in memory");
        assertEquals(List.of(false, false, true), checks.checkAll(Scope.EVERY_GUILD, List.of(withdraw("live-old"), withdraw("live-new"),
                withdraw("live-clean"))).stream().map(CapabilityDecision::allowed).toList());
        assertEquals(DecisionReason.SESSION_WITHOUT_VIOLATION, checks.check(Scope.EVERY_GUILD, withdraw("live-clean")).reason());
        verify(ports.spilledSessions, never()).heldUntil(new AnchorId("anchor-1"), "live-new");
    }

    @Test
    void theStoreIsNotAskedWhereTheTierAllowsWithdrawing() {
        Ports ports = Ports.enforced();
        Instant heldUntil = ports.now().plus(Duration.ofDays(20));
        ports.given(StoredAnchors.anchor("anchor-1").score(30, 40).lastViolationAt(ports.now())
                .heldSessions(new HeldSessions(Map.of(), Optional.of(heldUntil))).record());

        CheckCapability checks = ports.checkCapability();

        assertFalse(checks.readsStore(Scope.EVERY_GUILD, withdraw("live-old")));
        assertTrue(checks.check(Scope.EVERY_GUILD, withdraw("live-old")).allowed());
        verifyNoInteractions(ports.spilledSessions);
    }

    /** Over known and unknown anchors, every capability, sessions in memory, in the store or in neither. */
    @Test
    void aCheckOfAnIdsBytesIsDecidedAsTheCheckOfTheId() {
        Ports ports = Ports.enforced();
        Instant heldUntil = ports.now().plus(Duration.ofDays(20));
        Random random = new Random(22);
        for (int i = 0; i < 20; i++) {
            StoredAnchors anchor = StoredAnchors.anchor("anchor-" + i).score(random.nextInt(101), 4);
            if (random.nextBoolean()) {
                anchor = anchor.lastViolationAt(ports.now().minus(Duration.ofDays(random.nextInt(200))));
            }
            if (random.nextBoolean()) {
                anchor = anchor.heldSessions(new HeldSessions(Map.of("live-new", heldUntil), Optional.of(heldUntil)));
            }
            ports.given(anchor.record());
        }
        when(ports.spilledSessions.heldUntil(any(), eq("live-old"))).thenReturn(Optional.of(heldUntil));
        CheckCapability checks = ports.checkCapability();
        List<Optional<String>> sessions = List.of(Optional.empty(), Optional.of("live-new"), Optional.of("live-old"),
                Optional.of("live-clean"));
        for (int i = 0; i < 20_000; i++) {
            AnchorId id = new AnchorId("anchor-" + random.nextInt(30));
            CheckCapability.Query query = new CheckCapability.Query(id,
                    Capability.values()[random.nextInt(Capability.values().length)],
                    sessions.get(random.nextInt(sessions.size())));
            CheckCapability.BytesQuery ofBytes = new Bytes(
                    id.value().getBytes(StandardCharsets.US_ASCII), query.capability(),
                    new StringBuilder(query.liveSession().orElse("")));
            Scope scope = random.nextInt(10) == 0 ? Scope.of(List.of("guild-1")) : Scope.EVERY_GUILD;
            assertEquals(checks.readsStore(scope, query), checks.readsStore(scope, ofBytes), query.toString());
            assertEquals(checks.check(scope, query), checks.check(scope, ofBytes), query.toString());
        }
    }

    /** A check as a caller holding the id's bytes and the session as text of its own passes it. */
    private record Bytes(byte[] anchorId, Capability capability, CharSequence liveSession)
            implements CheckCapability.BytesQuery {
    }

    private static CheckCapability.Query withdraw(String session) {
        return new CheckCapability.Query(new AnchorId("anchor-1"), Capability.WITHDRAW_VIOLATION_INCOME,
                Optional.of(session));
    }

    @Test
    void duringTheTrialTheSameScoreIsAllowedButNotIfEnforced() {
        Ports trial = Ports.at(Instant.parse("2023-11-15T04:00:00Z"));
        trial.given(StoredAnchors.anchor("anchor-1").score(30, 4).record());

        CapabilityDecision decision = trial.checkCapability().check(Scope.EVERY_GUILD, PK_OF_ANCHOR_1);

        assertTrue(decision.allowed());
        assertFalse(decision.enforced());
        assertFalse(decision.allowedIfEnforced());
        assertEquals(DecisionReason.TIER_DENIES, decision.reason());
    }
}
