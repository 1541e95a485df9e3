package com.anchorhealth.application.anchor;

import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.list.CountedPage;
import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.AnchorFilter;
import com.anchorhealth.application.port.out.anchor.AnchorOrder;
import com.anchorhealth.application.port.out.anchor.CountedBefore;
import com.anchorhealth.application.port.out.anchor.ViolationWithFacts;
import com.anchorhealth.application.violation.ListViolations;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Severity;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static com.anchorhealth.application.fixtures.Errors.badFields;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

/** GetAnchor, ListAnchors, ListViolations and ListScoreEvents over mocked ports. */
class ReadingAnchorsTest {
    private static final Instant FIRST = Instant.parse("2024-01-10T00:00:00Z");
    private static final Instant SECOND = Instant.parse("2024-02-10T00:00:00Z");
    private static final AnchorId ANCHOR = new AnchorId("anchor-1");
    private static final AnchorId UNKNOWN = new AnchorId("anchor-404");

    private final Ports ports = Ports.enforced();
    private final GetAnchor getAnchor = ports.getAnchor();

    @Test
    void anUnknownAnchorIsNotFoundByEveryRead() {
        PageRequest page = PageRequest.first(10);

        assertThrows(NotFoundException.class, () -> getAnchor.get(Scope.EVERY_GUILD, UNKNOWN, Optional.empty()));
        assertThrows(NotFoundException.class, () -> new ListScoreEvents(ports.anchors, ports.ledger).list(Scope.EVERY_GUILD, UNKNOWN, page));
        assertThrows(NotFoundException.class,
                () -> new ListViolations(ports.anchors, ports.violations, ports.standings).list(Scope.EVERY_GUILD, UNKNOWN, page));
        NotFoundException violation = assertThrows(NotFoundException.class,
                () -> new ListViolations(ports.anchors, ports.violations, ports.standings).get(Scope.EVERY_GUILD, ANCHOR, "v-404"));
        assertEquals("anchors/anchor-1/violations/v-404", violation.resourceName());
    }

    @Test
    void theStandingAsOfAnInstantInTheFutureIsRefused() {
        ports.given(StoredAnchors.anchor("anchor-1").record());

        assertEquals(List.of("as_of"), badFields(() -> getAnchor.get(Scope.EVERY_GUILD, ANCHOR, Optional.of(ports.now().plusSeconds(1)))));
    }

    @Test
    void theStandingAsOfAPastInstantFoldsTheLedgerUpToIt() {
        ports.given(StoredAnchors.anchor("anchor-1").score(80, 3).record());
        Instant first = Instant.parse("2024-01-10T00:00:00Z");
        Instant second = Instant.parse("2024-02-10T00:00:00Z");
        when(ports.ledger.ledgerOf(ANCHOR)).thenReturn(List.of(
                new ScoreEvent(ANCHOR, 1, ScoreEventKind.INITIAL, 100, 100, Optional.empty(),
                        StoredAnchors.REGISTERED_AT, "t"),
                new ScoreEvent(ANCHOR, 2, ScoreEventKind.DEDUCTION, -7, 93, Optional.of("v-1"), first, "t"),
                new ScoreEvent(ANCHOR, 3, ScoreEventKind.DEDUCTION, -13, 80, Optional.of("v-2"), second, "t")));

        assertEquals(80, getAnchor.get(Scope.EVERY_GUILD, ANCHOR, Optional.empty()).standing().score());
        assertEquals(100, getAnchor.get(Scope.EVERY_GUILD, ANCHOR, Optional.of(first.minusMillis(1))).standing().score());
        assertEquals(93, getAnchor.get(Scope.EVERY_GUILD, ANCHOR, Optional.of(first)).standing().score());
        assertEquals(93, getAnchor.get(Scope.EVERY_GUILD, ANCHOR, Optional.of(second.minusMillis(1))).standing().score());
        assertEquals(80, getAnchor.get(Scope.EVERY_GUILD, ANCHOR, Optional.of(second)).standing().score());
    }

    @Test
    void aPageOfViolationsRecordedBeforeTheirFactsWereKeptReadsItsOwnLedgerEntriesAndNoWholeHistory() {
        RecordedViolation later = givenAPageOfOneViolation(Optional.empty());
        when(ports.ledger.entriesAt(ANCHOR, Set.of(1, 3))).thenReturn(Map.of(
                1, new ScoreEvent(ANCHOR, 1, ScoreEventKind.INITIAL, 100, 100, Optional.empty(),
                        StoredAnchors.REGISTERED_AT, "t"),
                3, new ScoreEvent(ANCHOR, 3, ScoreEventKind.DEDUCTION, -13, 80, Optional.of("v-2"), SECOND, "t")));
        when(ports.violations.countedUpTo(ANCHOR, List.of(later)))
                .thenReturn(List.of(new CountedBefore(Optional.of(FIRST), true)));

        assertTheStandingAfterTheViolationOnThePage();
        verify(ports.ledger, never()).ledgerOf(any());
        verify(ports.violations, never()).listAll(any());
    }

    @Test
    void aPageOfViolationsAnswersFromTheFactsEachKeptInTheSameReadAndReadsNothingOfTheHistory() {
        givenAPageOfOneViolation(Optional.of(new StandingFacts(80, 100, Optional.of(FIRST), true, HeldSessions.NONE)));

        assertTheStandingAfterTheViolationOnThePage();
        verify(ports.violations, never()).factsAfter(any(), any());
        verifyNoInteractions(ports.ledger);
        verify(ports.violations, never()).countedUpTo(any(), any());
        verify(ports.violations, never()).listAll(any());
    }

    /** Anchor-1 at 80, and a page holding its violation v-2, recorded at {@link #SECOND}. */
    private RecordedViolation givenAPageOfOneViolation(Optional<StandingFacts> keptFacts) {
        ports.given(StoredAnchors.anchor("anchor-1").score(80, 3).record());
        RecordedViolation later = violation("v-2", SECOND, 3);
        when(ports.violations.list(ANCHOR, PageRequest.first(1)))
                .thenReturn(new Page<>(List.of(new ViolationWithFacts(later, keptFacts)), Optional.of("v-2")));
        return later;
    }

    /** Right after v-2: 80 of 100, the last violation at {@link #FIRST}, selling revoked. */
    private void assertTheStandingAfterTheViolationOnThePage() {
        Standing after = new ListViolations(ports.anchors, ports.violations, ports.standings)
                .list(Scope.EVERY_GUILD, ANCHOR, PageRequest.first(1)).items().get(0).standingAfter();

        assertEquals(80, after.score());
        assertEquals(100, after.initialScore());
        assertEquals(Optional.of(FIRST), after.lastViolationAt());
        assertTrue(after.deniedCapabilities().contains(Capability.ECOMMERCE_SELLING));
    }

    private RecordedViolation violation(String id, Instant at, int sequence) {
        return new RecordedViolation(id, "req-" + id, new ViolationReport(ANCHOR, "DANGEROUS_ACTS", at,
                Optional.empty(), "moderation-ai", List.of()), Severity.SEVERE, false, at, 13, 0, 13,
                ports.policy.version(), ViolationState.ACTIVE, Optional.empty(), sequence);
    }

    @ParameterizedTest(name = "listing {0} asks for scores {1}..{2}")
    @CsvSource({
            "NORMAL,              40, 2147483647",
            "RESTRICTED,          20, 39",
            "SEVERELY_RESTRICTED, 1,  19",
            "REVOKED,             0,  0"})
    void listingByTierAsksForTheTiersScoreRange(Tier tier, int minScore, int maxScore) {
        PageRequest page = PageRequest.first(50);
        AnchorFilter filter = new AnchorFilter(minScore, maxScore, Optional.of(Set.of("guild-1")));
        when(ports.anchors.list(filter, AnchorOrder.ID, page)).thenReturn(
                new Page<>(List.of(StoredAnchors.anchor("anchor-1").score(minScore, 2).record()), Optional.empty()));

        Page<AnchorView> found = new ListAnchors(new AnchorLists(ports.anchors, ports.index), ports.policies, ports.index, ports.clock)
                .list(Scope.EVERY_GUILD, Optional.of(tier), Optional.of("guild-1"), page);

        verify(ports.anchors).list(filter, AnchorOrder.ID, page);
        assertEquals(tier, found.items().get(0).standing().tier());
    }

    @Test
    void aCountedPageIsCountedWithItsFilterAndOrderFromItsFirstKey() {
        PageRequest page = new PageRequest(25, Optional.of("40/anchor-0"));
        AnchorFilter restricted = new AnchorFilter(20, 39, Optional.empty(), Optional.of("mi"));
        when(ports.anchors.list(restricted, AnchorOrder.SCORE_DESCENDING, page)).thenReturn(new Page<>(
                List.of(StoredAnchors.anchor("anchor-1").score(39, 2).record()), Optional.empty(),
                Optional.of("39/anchor-1")));
        when(ports.anchors.count(restricted, AnchorOrder.SCORE_DESCENDING, Optional.of("39/anchor-1")))
                .thenReturn(new ListCount(26, 25));

        CountedPage<AnchorView> found = new ListAnchors(new AnchorLists(ports.anchors, ports.index), ports.policies, ports.index, ports.clock)
                .counted(Scope.EVERY_GUILD, new ListAnchors.Query(Optional.of(Tier.RESTRICTED), Optional.empty(), Integer.MIN_VALUE,
                        Integer.MAX_VALUE, Optional.of("mi"), AnchorOrder.SCORE_DESCENDING), page);

        assertEquals(List.of(26L, 26L, 26L), List.of(found.from(), found.to(), found.total()), "26–26 of 26");
    }

    @Test
    void aTierOutsideTheScoreRangeIsAnEmptyCountedPageWithoutAQuery() {
        CountedPage<AnchorView> found = new ListAnchors(new AnchorLists(ports.anchors, ports.index), ports.policies, ports.index, ports.clock)
                .counted(Scope.EVERY_GUILD, new ListAnchors.Query(Optional.of(Tier.NORMAL), Optional.empty(), 0, 10, Optional.empty(),
                        AnchorOrder.NAME), PageRequest.first(25));

        assertEquals(List.of(0L, 0L, 0L), List.of(found.from(), found.to(), found.total()));
        verifyNoInteractions(ports.anchors);
    }
}
