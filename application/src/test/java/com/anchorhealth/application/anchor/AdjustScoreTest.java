package com.anchorhealth.application.anchor;

import com.anchorhealth.application.error.AlreadyExistsException;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.write.GroupCommit;
import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.ArgumentCaptor;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static com.anchorhealth.application.fixtures.Errors.badFields;
import static com.anchorhealth.application.fixtures.Ports.ACTOR;
import static com.anchorhealth.application.fixtures.Ports.ANY_DEADLINE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class AdjustScoreTest {
    private static final AnchorId MIA = new AnchorId("mia");

    private final Ports ports = Ports.enforced();
    private final AdjustScore adjustScore = ports.adjustScore();

    @Test
    void anAdjustmentWritesItsEntryTheProjectionAndTheStandingChangeAndReachesChecks() {
        ports.given(StoredAnchors.anchor("mia").score(42, 3).record());

        AnchorView view = adjust(AdjustScoreCommand.of("adj-1", MIA, -5, "chargeback fraud"), ACTOR,
                ANY_DEADLINE);

        verify(ports.ledger).append(new ScoreEvent(MIA, 4, ScoreEventKind.ADJUSTMENT, -5, 37, Optional.empty(),
                Optional.of("chargeback fraud"), ports.now(), ACTOR));
        verify(ports.anchors).updateStandings(List.of(StoredAnchors.anchor("mia").score(37, 4).record().anchor()),
                ports.now());
        StandingChange change = ports.writtenChanges().get(0);
        assertEquals(new StandingChange(change.changeId(), MIA, 4, 42, 37, Tier.NORMAL, Tier.RESTRICTED,
                change.deniedCapabilities(), ChangeCause.SCORE_ADJUSTED, Optional.empty(), ports.now()),
                change);
        ArgumentCaptor<IdempotencyRecord> key = ArgumentCaptor.forClass(IdempotencyRecord.class);
        verify(ports.keys).insert(key.capture());
        assertEquals(new IdempotencyRecord("adj-1", "AdjustScore",
                AdjustScoreCommand.of("adj-1", MIA, -5, "chargeback fraud").fingerprint(), "anchors/mia/scoreEvents/4",
                ports.now(), ACTOR, key.getValue().firstResponse()), key.getValue());
        assertEquals(view, ports.responses.restore(key.getValue().firstResponse().orElseThrow(), AnchorView.class));
        assertEquals(37, view.standing().score());
        assertEquals(Tier.RESTRICTED, view.standing().tier());
        assertEquals(37, ports.check(MIA, Capability.PK).score(), "checks see it at once");
    }

    @Test
    void anAdjustmentTheCeilingSwallowsIsStillRecordedButPutsNothingOnTheFeed() {
        ports.given(StoredAnchors.anchor("mia").score(100, 2).record());

        AnchorView view = adjust(AdjustScoreCommand.of("adj-1", MIA, 50, "goodwill"), ACTOR, ANY_DEADLINE);

        verify(ports.ledger).append(new ScoreEvent(MIA, 3, ScoreEventKind.ADJUSTMENT, 50, 100, Optional.empty(),
                Optional.of("goodwill"), ports.now(), ACTOR));
        assertEquals(List.of(), ports.writtenChanges());
        assertEquals(100, view.standing().score());
    }

    @Test
    void aRetryDoesNotCountTwice() {
        AnchorRecord stored = ports.given(StoredAnchors.anchor("mia").score(60, 2).record());
        AdjustScoreCommand command = AdjustScoreCommand.of("adj-1", MIA, 10, "manual review");

        adjust(command, ACTOR, ANY_DEADLINE);
        when(ports.anchors.find(MIA)).thenReturn(Optional.of(new AnchorRecord(StoredAnchors.anchor("mia").score(70, 3)
                .record().anchor(), stored.createdAt(), ports.now())));
        AnchorView retry = adjust(command, ACTOR, ANY_DEADLINE);

        verify(ports.ledger, times(1)).append(any());
        verify(ports.anchors, times(1)).updateStandings(any(), any());
        assertEquals(1, ports.writtenChanges().size());
        assertEquals(70, retry.standing().score());
    }

    @Test
    void theSameRequestIdWithAnotherAdjustmentIsRefusedAndWritesNothing() {
        ports.given(StoredAnchors.anchor("mia").score(60, 2).record());
        when(ports.keys.find(Ports.key("AdjustScore", "adj-1"))).thenReturn(Optional.of(new IdempotencyRecord("adj-1",
                "AdjustScore", AdjustScoreCommand.of("adj-1", MIA, 10, "manual review").fingerprint(),
                "anchors/mia/scoreEvents/3", ports.now(), ACTOR, Optional.empty())));

        assertThrows(AlreadyExistsException.class, () -> adjust(AdjustScoreCommand.of("adj-1", MIA, 11,
                "manual review"), ACTOR, ANY_DEADLINE));
        ports.verifyNothingWritten();
    }

    @Test
    void anUnknownAnchorIsNotFoundAndNothingIsWritten() {
        NotFoundException missing = assertThrows(NotFoundException.class,
                () -> adjust(AdjustScoreCommand.of("adj-1", MIA, 10, "manual review"), ACTOR,
                        ANY_DEADLINE));

        assertEquals("anchors/mia", missing.resourceName());
        verify(ports.keys, never()).insert(any());
        ports.verifyNothingWritten();
    }

    static Stream<Arguments> badCommands() {
        return Stream.of(
                arguments("", 5, "why", List.of("request_id")),
                arguments("adj-1", 0, "why", List.of("delta")),
                arguments("adj-1", 51, "why", List.of("delta")),
                arguments("adj-1", -51, "why", List.of("delta")),
                arguments("adj-1", 5, " ", List.of("reason")),
                arguments("adj-1", 5, "r".repeat(501), List.of("reason")),
                arguments("", 0, "", List.of("request_id", "delta", "reason")));
    }

    @ParameterizedTest(name = "[{0}] {1} ''{2}'' is refused on {3}")
    @MethodSource("badCommands")
    void everyBadFieldIsNamedAsInTheApi(String requestId, int delta, String reason, List<String> fields) {
        assertEquals(fields, badFields(() -> AdjustScoreCommand.of(requestId, MIA, delta, reason)));
    }

    @Test
    void theFingerprintCoversTheAnchorTheDeltaAndTheReason() {
        String first = AdjustScoreCommand.of("adj-1", MIA, 5, "why").fingerprint();
        assertEquals(first, AdjustScoreCommand.of("adj-1", MIA, 5, "why").fingerprint());
        assertEquals(first, AdjustScoreCommand.of("adj-2", MIA, 5, "why").fingerprint(),
                "the request id is the key, not the content");
        assertEquals(4, Set.of(first, AdjustScoreCommand.of("adj-1", MIA, -5, "why").fingerprint(),
                AdjustScoreCommand.of("adj-1", MIA, 5, "why not").fingerprint(),
                AdjustScoreCommand.of("adj-1", new AnchorId("zoe"), 5, "why").fingerprint()).size());
    }

    private AnchorView adjust(AdjustScoreCommand command, String actor, Deadline deadline) {
        return GroupCommit.await(adjustScore.adjust(command, actor, deadline));
    }
}
