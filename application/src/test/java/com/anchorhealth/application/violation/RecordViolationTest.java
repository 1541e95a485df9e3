package com.anchorhealth.application.violation;

import com.anchorhealth.application.anchor.UpsertAnchor;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.capability.CheckCapability;
import com.anchorhealth.application.error.AlreadyExistsException;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.error.StoreConflictException;
import com.anchorhealth.application.error.StoreUnavailableException;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.fixtures.ViolationRequest;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.application.port.out.anchor.AnchorChanges;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.CountedBefore;
import com.anchorhealth.application.port.out.anchor.KeptViolation;
import com.anchorhealth.application.port.out.anchor.NewViolation;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.guild.GuildRules;
import com.anchorhealth.domain.policy.DeductionMatrix;
import com.anchorhealth.domain.policy.PhaseSchedule;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.RecoveryRules;
import com.anchorhealth.domain.sanction.CapabilityDecision;
import com.anchorhealth.domain.sanction.DecisionReason;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Severity;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static com.anchorhealth.application.fixtures.Errors.badFields;
import static com.anchorhealth.application.fixtures.Ports.ACTOR;
import static com.anchorhealth.domain.vocabulary.Capability.ECOMMERCE_SELLING;
import static com.anchorhealth.domain.vocabulary.Capability.LIVE_RECOMMENDATION;
import static com.anchorhealth.domain.vocabulary.Capability.PK;
import static com.anchorhealth.domain.vocabulary.Capability.TRAFFIC_SUPPORT;
import static com.anchorhealth.domain.vocabulary.Capability.WITHDRAW_VIOLATION_INCOME;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeast;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.only;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

class RecordViolationTest {
    private static final AnchorId ANCHOR = new AnchorId("anchor-1");

    private final Ports ports = Ports.enforced();
    private final Ports.SingleViolation recordViolation = ports.recordViolation();

    /** Level 3 with 150k fans at score 42 after 5 ledger entries: a SERIOUS violation costs 6 + 1 = 7. */
    private final AnchorRecord anchor = ports.given(
            StoredAnchors.anchor("anchor-1").level(3).fans(150_000).score(42, 5).record());
    private final Instant occurredAt = ports.now().minus(Duration.ofHours(1));
    private final ViolationRequest request = ViolationRequest.valid().type("DANGEROUS_ACTS").occurredAt(occurredAt)
            .session("live-9");

    /** The five entries behind the stored score of 42. */
    private List<ScoreEvent> ledgerDownTo42() {
        Instant at = StoredAnchors.REGISTERED_AT;
        return List.of(
                new ScoreEvent(ANCHOR, 1, ScoreEventKind.INITIAL, 100, 100, Optional.empty(), at, ACTOR),
                new ScoreEvent(ANCHOR, 2, ScoreEventKind.DEDUCTION, -20, 80, Optional.of("v-a"), at, ACTOR),
                new ScoreEvent(ANCHOR, 3, ScoreEventKind.DEDUCTION, -20, 60, Optional.of("v-b"), at, ACTOR),
                new ScoreEvent(ANCHOR, 4, ScoreEventKind.DEDUCTION, -10, 50, Optional.of("v-c"), at, ACTOR),
                new ScoreEvent(ANCHOR, 5, ScoreEventKind.DEDUCTION, -8, 42, Optional.of("v-d"), at, ACTOR));
    }

    @Test
    void aNewViolationWritesTheViolationLedgerEntryScoreAndChangeAndReadsNoKey() {
        RecordViolationCommand command = request.command();

        ViolationView view = recordViolation.record(command, ACTOR);

        ArgumentCaptor<RecordedViolation> inserted = ArgumentCaptor.forClass(RecordedViolation.class);
        verify(ports.violations).insert(inserted.capture());
        RecordedViolation violation = inserted.getValue();
        String violationId = violation.violationId();
        assertEquals(new ViolationReport(ANCHOR, "DANGEROUS_ACTS", occurredAt, Optional.of("live-9"), "moderation-ai",
                List.of("evidence/clip-1")), violation.report());
        assertEquals(6, violation.basePoints());
        assertEquals(1, violation.surchargePoints());
        assertEquals(7, violation.points());
        assertEquals(ViolationState.ACTIVE, violation.state());
        assertEquals(1, violation.policyVersion());
        assertEquals(6, violation.ledgerSequence());
        assertEquals("req-1", violation.requestId());
        assertEquals(ports.now(), violation.recordedAt());

        verify(ports.ledger).append(new ScoreEvent(ANCHOR, 6, ScoreEventKind.DEDUCTION, -7, 35,
                Optional.of(violationId), ports.now(), ACTOR));
        verify(ports.anchors).updateStandings(List.of(new Anchor(anchor.profile(),
                new AnchorScore(ANCHOR, 100, 35, 6, Optional.of(occurredAt)), 0,
                new HeldSessions(Map.of("live-9", ports.policy.sessionHeldUntil(ports.now())), Optional.empty()),
                Optional.of(ports.now()))), ports.now());

        assertEquals(List.of(new StandingChange(violationId, ANCHOR, 6, 42, 35, Tier.NORMAL, Tier.RESTRICTED,
                Set.of(LIVE_RECOMMENDATION, PK, TRAFFIC_SUPPORT), ChangeCause.VIOLATION_RECORDED,
                Optional.of(violationId), ports.now())), ports.writtenChanges(), "the violation is the change: they share its id");

        ArgumentCaptor<AnchorChanges.Written> written = ArgumentCaptor.forClass(AnchorChanges.Written.class);
        verify(ports.changes).writeLast(written.capture(), any());
        NewViolation row = written.getValue().violations().get(0);
        assertEquals(new NewViolation(violation, ACTOR, command.fingerprint(), row.factsAfter()), row,
                "the violation is its call's request key");
        assertEquals(view.standingAfter(), ports.standings.asRecorded(violation, row.factsAfter()),
                "the facts it keeps rebuild its answer, for retries");
        verify(ports.keys, never()).insert(any());
        verify(ports.violations, never()).recordedBy(any());
        verify(ports.transactions, times(1)).inTransaction(any(), any());

        assertEquals(violation, view.violation());
        assertEquals(35, view.standingAfter().score());
        assertEquals(Tier.RESTRICTED, view.standingAfter().tier());
        assertTrue(view.standingAfter().enforced());
    }

    @Test
    void theViolationIsPricedByThePolicyInForceWhenItIsRecorded() {
        Policy v1 = ports.policy;
        Map<Severity, List<Integer>> harsher = new EnumMap<>(v1.deductions().rows());
        harsher.put(Severity.SERIOUS, List.of(5, 6, 8, 8));
        Policy v2 = new Policy(2, ports.now().minus(Duration.ofDays(1)), 100, 120, v1.violationTypes(),
                new DeductionMatrix(harsher), v1.audienceSurcharges(), v1.thresholds(), v1.tierSanctions(),
                v1.phases(), 90, 5, 30, 30, GuildRules.defaults(),
                RecoveryRules.off());
        ports.policies.add(v2);

        ViolationView view = recordViolation.record(request.command(), ACTOR);

        assertEquals(2, view.violation().policyVersion());
        assertEquals(8, view.violation().basePoints());
        assertEquals(9, view.violation().points());
        assertEquals(33, view.standingAfter().score());
    }

    @Test
    void anOmittedOccurrenceTimeMeansNow() {
        recordViolation.record(ViolationRequest.valid().command(), ACTOR);

        ArgumentCaptor<RecordedViolation> inserted = ArgumentCaptor.forClass(RecordedViolation.class);
        verify(ports.violations).insert(inserted.capture());
        assertEquals(ports.now(), inserted.getValue().report().occurredAt());
    }

    @Test
    void aDeductionBiggerThanTheScoreLeavesZero() {
        ports.given(StoredAnchors.anchor("anchor-2").level(4).score(3, 9).record());

        ViolationView view = recordViolation.record(request.anchorId("anchor-2").type("PORNOGRAPHY").command(), ACTOR);

        assertEquals(8, view.violation().points());
        assertEquals(0, view.standingAfter().score());
        assertEquals(Tier.REVOKED, view.standingAfter().tier());
        verify(ports.ledger).append(new ScoreEvent(new AnchorId("anchor-2"), 10, ScoreEventKind.DEDUCTION, -8, 0,
                Optional.of(view.violation().violationId()), ports.now(), ACTOR));
    }

    @Test
    void aRetryAnswersWithItsFirstResponseRebuiltFromItsViolationAndReadsAndWritesNothingElse() {
        RecordViolationCommand command = request.command();
        ViolationView first = recordViolation.record(command, ACTOR);
        clearInvocations(ports.changes, ports.keys, ports.violations, ports.ledger, ports.transactions);

        assertEquals(first, recordViolation.record(command, ACTOR));
        // Its first run reads no key: the violation's unique key refuses the write, and the next run reads it.
        verify(ports.changes, times(1)).writeLast(any(), any());
        verify(ports.violations, only()).recordedBy(any());
        verifyNoInteractions(ports.keys, ports.ledger);
        verify(ports.transactions, times(2)).inTransaction(any(), any());
    }

    @Test
    void aRetryOfAViolationRecordedBeforeItsFactsWereKeptReturnsItAndWritesNothing() {
        RecordViolationCommand command = request.command();
        AnchorScore.ViolationRecorded first = anchor.score().recordViolation(
                new ViolationReport(ANCHOR, "DANGEROUS_ACTS", occurredAt, Optional.of("live-9"), "moderation-ai",
                        List.of("evidence/clip-1")),
                ports.policy.violationType("DANGEROUS_ACTS").orElseThrow(), anchor.profile(), ports.policy,
                "v-first", "req-1", ports.now().minusSeconds(30), ACTOR);
        ports.kept(Ports.key("RecordViolation", "req-1"), new KeptViolation(first.violation(), command.fingerprint(),
                Optional.empty()));
        when(ports.violations.countedUpTo(ANCHOR, List.of(first.violation())))
                .thenReturn(List.of(new CountedBefore(Optional.of(occurredAt), false)));
        List<ScoreEvent> ledger = new ArrayList<>(ledgerDownTo42());
        ledger.add(first.deduction().orElseThrow());
        when(ports.ledger.entriesAt(eq(ANCHOR), any())).thenReturn(ledger.stream()
                .collect(Collectors.toMap(ScoreEvent::sequence, entry -> entry)));

        ViolationView view = recordViolation.record(command, ACTOR);

        assertEquals(first.violation(), view.violation());
        assertEquals(35, view.standingAfter().score());
        ports.verifyNothingWritten();
        verify(ports.anchors, never()).lock(any());
    }

    @Test
    void theSameRequestIdWithOtherContentIsRefused() {
        ports.kept(Ports.key("RecordViolation", "req-1"), new KeptViolation(recordedEarlier("v-first", "req-1"),
                "fingerprint-of-another-call", Optional.empty()));

        AlreadyExistsException refused = assertThrows(AlreadyExistsException.class,
                () -> recordViolation.record(request.command(), ACTOR));

        assertEquals("anchors/anchor-1/violations/v-first", refused.resourceName());
        ports.verifyNothingWritten();
    }

    @Test
    void aRequestIdIsScopedToItsMethodAndItsCaller() {
        RecordViolationCommand command = request.command();
        when(ports.keys.find(Ports.key("UpsertAnchor", "req-1"))).thenReturn(Optional.of(new IdempotencyRecord(
                "req-1", "UpsertAnchor", "fingerprint-of-an-upsert", "anchors/anchor-1", ports.now(), ACTOR, Optional.empty())));
        ports.kept(new IdempotencyRecord.Key("another-pipeline", "RecordViolation", "req-1"),
                new KeptViolation(recordedEarlier("v-theirs", "req-1"), "fingerprint-of-theirs", Optional.empty()));

        ViolationView recorded = recordViolation.record(command, ACTOR);

        assertEquals(35, recorded.standingAfter().score(), "neither their key nor another method's refuses ours");
        verify(ports.violations).insert(argThat(violation -> violation.requestId().equals("req-1")));
    }

    @Test
    void anUnknownAnchorIsNotFoundAndNothingIsWritten() {
        NotFoundException refused = assertThrows(NotFoundException.class,
                () -> recordViolation.record(request.anchorId("anchor-404").command(), ACTOR));

        assertEquals("anchors/anchor-404", refused.resourceName());
        ports.verifyNothingWritten();
    }

    @Test
    void anUnknownViolationTypeIsRefusedOnTheFieldAndNothingIsWritten() {
        assertEquals(List.of("violation_type"),
                badFields(() -> recordViolation.record(request.type("NOT_IN_THE_CATALOG").command(), ACTOR)));
        ports.verifyNothingWritten();
    }

    @Test
    void anOccurrenceTenMinutesAheadIsRefusedAndNothingIsWritten() {
        RecordViolationCommand command = request.occurredAt(ports.now().plus(Duration.ofMinutes(10))).command();

        assertEquals(List.of("occurred_at"), badFields(() -> recordViolation.record(command, ACTOR)));
        ports.verifyNothingWritten();
    }

    @Test
    void aReporterClockAFewMinutesAheadIsTolerated() {
        RecordViolationCommand command = request.occurredAt(ports.now().plus(Duration.ofMinutes(4))).command();

        assertEquals(35, recordViolation.record(command, ACTOR).standingAfter().score());
    }

    @Test
    void aConflictIsRetriedAndTheSecondAttemptRecordsOnce() {
        doThrow(new StoreConflictException("deadlock broken", null)).doReturn(new AnchorChanges.Locked(Map.of(ANCHOR, anchor), Set.of()))
                .when(ports.changes).lockAll(any(), any());

        ViolationView view = recordViolation.record(request.command(), ACTOR);

        assertEquals(35, view.standingAfter().score());
        verify(ports.transactions, times(2)).inTransaction(any(), any());
        verify(ports.violations, times(1)).insert(any());
        verify(ports.ledger, times(1)).append(any());
    }

    @Test
    void losingARaceForTheRequestIdReturnsTheWinnersViolation() {
        RecordViolationCommand command = request.command();
        AnchorScore.ViolationRecorded won = anchor.score().recordViolation(
                new ViolationReport(ANCHOR, "DANGEROUS_ACTS", occurredAt, Optional.of("live-9"), "moderation-ai",
                        List.of("evidence/clip-1")),
                ports.policy.violationType("DANGEROUS_ACTS").orElseThrow(), anchor.profile(), ports.policy,
                "v-winner", "req-1", ports.now(), ACTOR);
        RecordedViolation winner = won.violation();
        when(ports.ledger.entriesAt(eq(ANCHOR), any())).thenReturn(Map.of(1, ledgerDownTo42().get(0),
                winner.ledgerSequence(), won.deduction().orElseThrow()));
        when(ports.violations.countedUpTo(ANCHOR, List.of(winner)))
                .thenReturn(List.of(new CountedBefore(Optional.of(occurredAt), false)));
        doAnswer(invocation -> {
            ports.kept(Ports.key("RecordViolation", "req-1"), new KeptViolation(winner, command.fingerprint(),
                    Optional.empty()));
            throw new StoreConflictException("duplicate request id", null);
        }).when(ports.changes).writeLast(any(), any());

        ViolationView view = recordViolation.record(command, ACTOR);

        assertEquals(winner, view.violation());
        verify(ports.transactions, times(2)).inTransaction(any(), any());
    }

    @Test
    void everyRetryOfAConflictRunsToTheSameDeadline() {
        doThrow(new StoreConflictException("deadlock broken", null)).when(ports.changes).lockAll(any(), any());

        assertThrows(StoreUnavailableException.class,
                () -> ports.recordViolation(Duration.ofMillis(400)).record(request.command(), ACTOR));

        ArgumentCaptor<Deadline> deadlines = ArgumentCaptor.forClass(Deadline.class);
        verify(ports.transactions, atLeast(3)).inTransaction(deadlines.capture(), any());
        assertEquals(1, deadlines.getAllValues().stream().distinct().count(), "one deadline across the attempts");
    }

    @Test
    void aConflictThatPersistsIsUnavailableBeforeTheCallersDeadline() {
        doThrow(new StoreConflictException("certification failed", null)).when(ports.changes).lockAll(any(), any());
        long started = System.nanoTime();

        StoreUnavailableException refused = assertThrows(StoreUnavailableException.class,
                () -> ports.recordViolation(Duration.ofMillis(500)).record(request.command(), ACTOR));

        assertTrue(Duration.ofNanos(System.nanoTime() - started).compareTo(Duration.ofMillis(500)) < 0,
                "answered while its caller still waits");
        assertInstanceOf(StoreConflictException.class, refused.getCause());
        ports.verifyNothingWritten();
    }

    @Test
    void aLostConnectionIsRetriedWholeAndRecordsOnce() {
        doThrow(new StoreUnavailableException("WSREP has not yet prepared node", null, true))
                .doReturn(new AnchorChanges.Locked(Map.of(ANCHOR, anchor), Set.of()))
                .when(ports.changes).lockAll(any(), any());

        assertEquals(35, recordViolation.record(request.command(), ACTOR).standingAfter().score());
        verify(ports.transactions, times(2)).inTransaction(any(), any());
        verify(ports.violations, times(1)).insert(any());
    }

    @Test
    void aConnectionLostTwiceIsUnavailableAtOnceNotAtTheDeadline() {
        doThrow(new StoreUnavailableException("the database went away", null, true))
                .when(ports.changes).lockAll(any(), any());

        assertThrows(StoreUnavailableException.class, () -> recordViolation.record(request.command(), ACTOR));

        verify(ports.transactions, times(2)).inTransaction(any(), any());
    }

    @Test
    void noConnectionToBeHadIsUnavailableAtOnce() {
        doThrow(new StoreUnavailableException("no database connection could be had in time", null))
                .when(ports.changes).lockAll(any(), any());

        assertThrows(StoreUnavailableException.class, () -> recordViolation.record(request.command(), ACTOR));
        verify(ports.transactions, times(1)).inTransaction(any(), any());
    }

    @Test
    void checksSeeTheNewStandingOnlyAfterTheCommit() {
        AtomicReference<Optional<StandingFacts>> atCommit = new AtomicReference<>();
        ports.atCommit(() -> atCommit.set(ports.index.factsOf(ANCHOR)));
        assertTrue(ports.check(ANCHOR, PK).allowed(), "score 42 is NORMAL");

        AtomicReference<Boolean> markedAtCommit = new AtomicReference<>();
        ports.atCommit(() -> markedAtCommit.set(ports.publishedHere.firstAfter(0).isPresent()));
        recordViolation.record(request.command(), ACTOR);

        assertEquals(42, atCommit.get().orElseThrow().score(), "not published inside the transaction");
        assertFalse(markedAtCommit.get(), "the feed's tailer must read a change nobody has published yet");
        assertEquals(List.of(ports.lastOutboxChangeId()), ports.publishedHere.takeRun(1, 1, 1).stream()
                .map(positioned -> positioned.change().changeId()).toList(), "the tailer need not read it back");
        CapabilityDecision pk = ports.check(ANCHOR, PK);
        assertFalse(pk.allowed());
        assertEquals(DecisionReason.TIER_DENIES, pk.reason());
        assertEquals(35, pk.score());
        CapabilityDecision withdraw = ports.checkCapability().check(Scope.EVERY_GUILD, new CheckCapability.Query(ANCHOR,
                WITHDRAW_VIOLATION_INCOME, Optional.of("live-9")));
        assertTrue(withdraw.allowed(), "RESTRICTED may still withdraw");
        assertEquals(Set.of("live-9"), ports.index.factsOf(ANCHOR).orElseThrow().heldSessions().kept().keySet());
    }

    @Test
    void aRefusedCallLeavesTheIndexAsItWas() {
        StandingFacts before = ports.index.factsOf(ANCHOR).orElseThrow();

        assertThrows(InvalidRequestException.class,
                () -> recordViolation.record(request.type("NOT_IN_THE_CATALOG").command(), ACTOR));

        assertEquals(before, ports.index.factsOf(ANCHOR).orElseThrow());
    }

    @Test
    void aSellingViolationRevokesSellingInTheIndexAtFullScoreToo() {
        ports.given(StoredAnchors.anchor("seller-1").level(1).score(100, 1).record());

        recordViolation.record(request.anchorId("seller-1").type("EXAGGERATED_PRODUCT_CLAIMS").command(), ACTOR);

        CapabilityDecision selling = ports.check(new AnchorId("seller-1"),
                ECOMMERCE_SELLING);
        assertFalse(selling.allowed());
        assertEquals(DecisionReason.SELLING_REVOKED, selling.reason());
    }

    @Test
    void duringTheRolloutAViolationOfAnAnchorNotYetInScopeIsRecordedWithoutDeduction() {
        // 2023-09-25: 30% of anchors are in scope; this id's bucket is above that.
        Ports rollout = Ports.at(Instant.parse("2023-09-25T04:00:00Z"));
        AnchorId notCovered = IntStream.range(0, 1_000).mapToObj(i -> new AnchorId("anchor-" + i))
                .filter(id -> PhaseSchedule.bucketOf(id) >= 30).findFirst().orElseThrow();
        rollout.given(StoredAnchors.anchor(notCovered.value()).level(4).record());

        ViolationView view = rollout.recordViolation().record(ViolationRequest.valid().anchorId(notCovered.value())
                .type("PORNOGRAPHY").command(), ACTOR);

        assertEquals(ViolationState.OUT_OF_SCOPE, view.violation().state());
        assertEquals(0, view.violation().points());
        assertTrue(view.violation().noDeductionReason().orElseThrow().contains("30%"));
        assertEquals(100, view.standingAfter().score());
        verify(rollout.violations).insert(view.violation());
        verify(rollout.keys, never()).insert(any());
        verify(rollout.ledger, never()).append(any());
        verify(rollout.anchors).updateStandings(List.of(), rollout.now());
        assertEquals(List.of(), rollout.writtenChanges());
    }

    /** A violation of anchor-1 recorded half a minute ago by another call. */
    private RecordedViolation recordedEarlier(String violationId, String requestId) {
        return anchor.score().recordViolation(new ViolationReport(ANCHOR, "DANGEROUS_ACTS", occurredAt,
                        Optional.of("live-9"), "moderation-ai", List.of("evidence/clip-1")),
                ports.policy.violationType("DANGEROUS_ACTS").orElseThrow(), anchor.profile(), ports.policy,
                violationId, requestId, ports.now().minusSeconds(30), ACTOR).violation();
    }
}
