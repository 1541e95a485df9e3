package com.anchorhealth.application.anchor;

import com.anchorhealth.application.call.Caller;
import com.anchorhealth.application.error.AlreadyExistsException;
import com.anchorhealth.application.error.FailedPreconditionException;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.error.StoreConflictException;
import com.anchorhealth.application.fixtures.AnchorRequest;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.write.GroupCommit;
import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.application.write.Fingerprint;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.guild.Guild;
import com.anchorhealth.domain.guild.GuildStatus;
import com.anchorhealth.domain.sanction.CapabilityDecision;
import com.anchorhealth.domain.sanction.DecisionReason;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Certification;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.ArgumentCaptor;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.anchorhealth.application.fixtures.Ports.ACTOR;
import static com.anchorhealth.application.fixtures.Ports.ANY_DEADLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class UpsertAnchorTest {
    private static final AnchorId ANCHOR = new AnchorId("anchor-1");

    private final Ports ports = Ports.enforced();
    private final UpsertAnchor upsertAnchor = ports.upsertAnchor();

    @ParameterizedTest(name = "registering a {0} anchor opens its ledger at {1}")
    @CsvSource({"NONE, 100", "EXPERT, 120", "PROFESSIONAL, 120"})
    void registeringOpensTheLedgerWritesTheOutboxAndRemembersTheRequest(Certification certification, int initial) {
        UpsertAnchorCommand command = AnchorRequest.valid().certification(certification).command();

        AnchorView view = upsert(command, Caller.unidentified(ACTOR), ANY_DEADLINE);

        AnchorScore opened = new AnchorScore(ANCHOR, initial, initial, 1, Optional.empty());
        verify(ports.anchors).insert(new AnchorRecord(new Anchor(AnchorRequest.valid().certification(certification)
                .profile(), opened, 0, HeldSessions.NONE, Optional.empty()), ports.now(), ports.now()));
        verify(ports.ledger).append(new ScoreEvent(ANCHOR, 1, ScoreEventKind.INITIAL, initial, initial,
                Optional.empty(), ports.now(), ACTOR));
        StandingChange change = ports.writtenChanges().get(0);
        assertEquals(new StandingChange(change.changeId(), ANCHOR, 1, initial, initial, Tier.NORMAL,
                Tier.NORMAL, Set.of(), ChangeCause.ANCHOR_REGISTERED, Optional.empty(), ports.now()), change);
        ArgumentCaptor<IdempotencyRecord> key = ArgumentCaptor.forClass(IdempotencyRecord.class);
        verify(ports.keys).insert(key.capture());
        assertEquals(new IdempotencyRecord("req-a1", "UpsertAnchor", command.fingerprint(), "anchors/anchor-1",
                ports.now(), ACTOR, key.getValue().firstResponse()), key.getValue());
        assertEquals(view, ports.responses.restore(key.getValue().firstResponse().orElseThrow(), AnchorView.class));
        assertEquals(initial, view.standing().score());
        assertEquals(Tier.NORMAL, view.standing().tier());
    }

    @Test
    void aRegisteredAnchorIsKnownToChecksAtOnce() {
        assertFalse(ports.check(ANCHOR, Capability.PK).knownAnchor());

        upsert(AnchorRequest.valid().certification(Certification.EXPERT).command(), Caller.unidentified(ACTOR),
                ANY_DEADLINE);

        CapabilityDecision decision = ports.check(ANCHOR, Capability.TRAFFIC_SUPPORT);
        assertTrue(decision.knownAnchor());
        assertTrue(decision.allowed());
        assertEquals(DecisionReason.TIER_ALLOWS, decision.reason());
        assertEquals(120, decision.score());
    }

    @Test
    void updatingAProfileKeepsTheScoreAndOpensNoLedger() {
        AnchorRecord stored = ports.given(StoredAnchors.anchor("anchor-1").score(57, 4).record());
        UpsertAnchorCommand command = AnchorRequest.valid().displayName("Renamed").level(4).command();

        AnchorView view = upsert(command, Caller.unidentified(ACTOR), ANY_DEADLINE);

        verify(ports.anchors).updateProfile(new AnchorProfile(ANCHOR, "Renamed", Certification.NONE, 4, 1_000, 50,
                Optional.empty()), ports.now());
        verify(ports.anchors, never()).insert(any());
        verify(ports.anchors, never()).updateStandings(any(), any());
        verify(ports.ledger, never()).append(any());
        assertEquals(List.of(), ports.writtenChanges());
        verify(ports.keys).insert(any());
        assertEquals(stored.score(), view.record().score());
        assertEquals(57, view.standing().score());
        assertEquals("Renamed", view.record().profile().displayName());
        assertEquals(stored.createdAt(), view.record().createdAt());
        assertEquals(ports.now(), view.record().updatedAt());
    }

    @Test
    void aProfileSyncThatLeavesOutTheGuildKeepsTheMembershipAndWhatItDidNotSet() {
        ports.given(StoredAnchors.anchor("anchor-1").certified(Certification.EXPERT).fans(2_000).member("stars")
                .record());

        AnchorView view = upsert(AnchorRequest.valid().certification(null).fanCount(0).averageViewers(9)
                .command(), Caller.unidentified(ACTOR), ANY_DEADLINE);

        AnchorProfile kept = new AnchorProfile(ANCHOR, "Anchor One", Certification.EXPERT, 2, 2_000, 9,
                Optional.of("stars"));
        verify(ports.anchors).updateProfile(kept, ports.now());
        assertEquals(kept, view.record().profile());
    }

    @Test
    void aProfileSyncWithoutANameOrALevelKeepsTheStoredOnesButARegistrationNeedsTheName() {
        ports.given(StoredAnchors.anchor("anchor-1").level(3).record());

        AnchorView view = upsert(AnchorRequest.valid().displayName("").level(0).command(), Caller.unidentified(ACTOR),
                ANY_DEADLINE);

        assertEquals(new AnchorProfile(ANCHOR, "Anchor anchor-1", Certification.NONE, 3, 1_000, 50, Optional.empty()),
                view.record().profile());
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> upsert(
                AnchorRequest.valid().anchorId("newcomer").requestId("req-new").displayName("").command(), Caller.unidentified(ACTOR), ANY_DEADLINE));
        assertEquals("anchor.display_name", refused.violations().get(0).field());
    }

    @Test
    void aMaskWritesExactlyTheFieldsItNamesEvenEmpty() {
        ports.given(StoredAnchors.anchor("anchor-1").fans(2_000).member("stars").record());

        upsert(AnchorRequest.valid().displayName("ignored").fanCount(0).guildId("")
                .masked(ProfileField.FAN_COUNT, ProfileField.GUILD_ID), Caller.unidentified(ACTOR), ANY_DEADLINE);

        verify(ports.anchors).updateProfile(new AnchorProfile(ANCHOR, "Anchor anchor-1", Certification.NONE, 1, 0, 0,
                Optional.empty()), ports.now());
    }

    @Test
    void registeringThroughAMaskWithoutTheLevelIsRefusedAndWritesNothing() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class, () -> upsert(
                AnchorRequest.valid().masked(ProfileField.DISPLAY_NAME), Caller.unidentified(ACTOR), ANY_DEADLINE));

        assertEquals("anchor.level", refused.violations().get(0).field());
        ports.verifyNothingWritten();
    }

    @Test
    void joiningARemovedGuildThroughTheProfileIsRefused() {
        ports.given(StoredAnchors.anchor("anchor-1").record());
        when(ports.guilds.lock("gone")).thenReturn(Optional.of(new Guild("gone", "Gone", 100, 50, GuildStatus.REMOVED,
                9, ports.now(), Optional.of(ports.now()))));

        assertThrows(FailedPreconditionException.class, () -> upsert(AnchorRequest.valid()
                .guildId("gone").command(), Caller.unidentified(ACTOR), ANY_DEADLINE));
        ports.verifyNothingWritten();
    }

    @Test
    void aRetryOfAKeyKeptWithoutItsResponseReturnsTheAnchorAndWritesNothing() {
        UpsertAnchorCommand command = AnchorRequest.valid().command();
        AnchorRecord stored = ports.given(StoredAnchors.anchor("anchor-1").level(2).record());
        when(ports.keys.find(Ports.key("UpsertAnchor", "req-a1"))).thenReturn(Optional.of(new IdempotencyRecord("req-a1", "UpsertAnchor",
                command.fingerprint(), "anchors/anchor-1", ports.now().minusSeconds(5), ACTOR, Optional.empty())));

        AnchorView view = upsert(command, Caller.unidentified(ACTOR), ANY_DEADLINE);

        assertEquals(stored, view.record());
        ports.verifyNothingWritten();
    }

    /** A key kept before update masks holds the fingerprint as that version spelled it. */
    @Test
    void aRetryOfAKeyKeptBeforeUpdateMasksAnswersItsFirstResponse() {
        UpsertAnchorCommand command = AnchorRequest.valid().command();
        AnchorRecord stored = StoredAnchors.anchor("anchor-1").level(2).record();
        AnchorView first = new AnchorView(stored, stored.anchor().standingAt(ports.policy, ports.now()));
        String keptBeforeMasks = Fingerprint.of("UpsertAnchor", "anchor-1", "Anchor One", "NONE", 2, 1_000L, 50L, "");
        when(ports.keys.find(Ports.key("UpsertAnchor", "req-a1"))).thenReturn(Optional.of(new IdempotencyRecord(
                "req-a1", "UpsertAnchor", keptBeforeMasks, "anchors/anchor-1", ports.now().minusSeconds(5), ACTOR,
                Optional.of(ports.responses.snapshot(first)))));

        assertEquals(first, upsert(command, Caller.unidentified(ACTOR), ANY_DEADLINE));
        ports.verifyNothingWritten();
    }

    @Test
    void theSameRequestIdWithAnotherProfileIsRefused() {
        when(ports.keys.find(Ports.key("UpsertAnchor", "req-a1"))).thenReturn(Optional.of(new IdempotencyRecord("req-a1", "UpsertAnchor",
                AnchorRequest.valid().level(1).command().fingerprint(), "anchors/anchor-1", ports.now(), ACTOR,
                Optional.empty())));

        AlreadyExistsException refused = assertThrows(AlreadyExistsException.class,
                () -> upsert(AnchorRequest.valid().level(2).command(), Caller.unidentified(ACTOR), ANY_DEADLINE));

        assertEquals("anchors/anchor-1", refused.resourceName());
        ports.verifyNothingWritten();
    }

    @Test
    void registeringTwiceAtOnceEndsAsAnUpdate() {
        // Another instance inserted the anchor between our lock (empty) and our insert.
        AnchorRecord theirs = StoredAnchors.anchor("anchor-1").record();
        doAnswer(invocation -> {
            ports.given(theirs);
            throw new StoreConflictException("duplicate anchor", null);
        }).when(ports.anchors).insert(any());
        UpsertAnchorCommand command = AnchorRequest.valid().command();

        AnchorView view = upsert(command, Caller.unidentified(ACTOR), ANY_DEADLINE);

        verify(ports.transactions, times(2)).inTransaction(any(), any());
        verify(ports.anchors).updateProfile(new AnchorProfile(ANCHOR, "Anchor One", Certification.NONE, 2, 1_000, 50,
                Optional.empty()), ports.now());
        assertEquals(theirs.score(), view.record().score());
    }

    private AnchorView upsert(UpsertAnchorCommand command, Caller caller, Deadline deadline) {
        return GroupCommit.await(upsertAnchor.upsert(command, caller, deadline));
    }
}
