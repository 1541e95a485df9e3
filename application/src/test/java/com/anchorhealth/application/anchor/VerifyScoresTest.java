package com.anchorhealth.application.anchor;

import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.anchor.Ledger;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

@ExtendWith(MockitoExtension.class)
class VerifyScoresTest {
    private static final Instant AT = Instant.parse("2024-03-01T00:00:00Z");

    @Mock
    private Anchors anchors;
    @Mock
    private Ledger ledger;

    /** Ledgers by anchor: 100, then one deduction of 10, folding to 90. */
    private final Map<AnchorId, List<ScoreEvent>> ledgers = new HashMap<>();
    /** How many anchors each ledgersOf round trip asked for. */
    private final List<Integer> roundTrips = new ArrayList<>();

    private AnchorRecord storedWithScore(String id, int storedScore) {
        AnchorRecord record = StoredAnchors.anchor(id).score(storedScore, 2).record();
        AnchorId anchorId = record.profile().anchorId();
        ledgers.put(anchorId, List.of(
                new ScoreEvent(anchorId, 1, ScoreEventKind.INITIAL, 100, 100, Optional.empty(), AT, "t"),
                new ScoreEvent(anchorId, 2, ScoreEventKind.DEDUCTION, -10, 90, Optional.of("v-1"), AT, "t")));
        return record;
    }

    private void givenAll(List<AnchorRecord> records) {
        doAnswer(invocation -> {
            Consumer<AnchorRecord> consumer = invocation.getArgument(0);
            records.forEach(consumer);
            return null;
        }).when(anchors).forEach(any());
    }

    /** The ledger port as documented: anchors without entries are absent from the answer. */
    private void givenLedgers() {
        when(ledger.ledgersOf(any())).thenAnswer(invocation -> {
            Collection<AnchorId> ids = invocation.getArgument(0);
            roundTrips.add(ids.size());
            Map<AnchorId, List<ScoreEvent>> found = new HashMap<>();
            ids.stream().filter(ledgers::containsKey).forEach(id -> found.put(id, ledgers.get(id)));
            return found;
        });
    }

    @Test
    void aStoredScoreThatDiffersFromTheFoldIsReported() {
        AnchorRecord drifted = storedWithScore("anchor-1", 93);
        when(anchors.find(new AnchorId("anchor-1"))).thenReturn(Optional.of(drifted));
        when(ledger.ledgersOf(List.of(new AnchorId("anchor-1")))).thenReturn(ledgers);

        VerifyScores.Report report = new VerifyScores(anchors, ledger).verify(Optional.of(new AnchorId("anchor-1")));

        assertEquals(1, report.anchorsChecked());
        assertEquals(List.of(new VerifyScores.Mismatch(new AnchorId("anchor-1"), 93, 90)), report.mismatches());
    }

    @Test
    void aStoredScoreEqualToTheFoldIsNotReported() {
        AnchorRecord consistent = storedWithScore("anchor-1", 90);
        when(anchors.find(new AnchorId("anchor-1"))).thenReturn(Optional.of(consistent));
        when(ledger.ledgersOf(List.of(new AnchorId("anchor-1")))).thenReturn(ledgers);

        assertEquals(List.of(), new VerifyScores(anchors, ledger)
                .verify(Optional.of(new AnchorId("anchor-1"))).mismatches());
    }

    @Test
    void verifyingAnUnknownAnchorIsNotFound() {
        assertThrows(NotFoundException.class,
                () -> new VerifyScores(anchors, ledger).verify(Optional.of(new AnchorId("anchor-404"))));
    }

    @Test
    void everyAnchorIsCheckedInChunksOfFiveHundred() {
        List<AnchorRecord> records = new ArrayList<>(IntStream.range(0, 1_201)
                .mapToObj(i -> storedWithScore("anchor-" + i, 90)).toList());
        records.set(3, storedWithScore("anchor-3", 95));
        records.set(1_200, storedWithScore("anchor-1200", 0));
        givenAll(records);
        givenLedgers();

        VerifyScores.Report report = new VerifyScores(anchors, ledger).verify(Optional.empty());

        assertEquals(1_201, report.anchorsChecked());
        assertEquals(List.of(new VerifyScores.Mismatch(new AnchorId("anchor-3"), 95, 90),
                new VerifyScores.Mismatch(new AnchorId("anchor-1200"), 0, 90)), report.mismatches());
        assertEquals(List.of(500, 500, 201), roundTrips);
    }

    @Test
    void anAnchorWithoutALedgerFoldsToZero() {
        AnchorRecord orphan = StoredAnchors.anchor("anchor-1").record();
        givenAll(List.of(orphan));
        givenLedgers();

        assertEquals(List.of(new VerifyScores.Mismatch(new AnchorId("anchor-1"), 100, 0)),
                new VerifyScores(anchors, ledger).verify(Optional.empty()).mismatches());
    }

    @Test
    void noAnchorsNoRoundTrips() {
        givenAll(List.of());

        VerifyScores.Report report = new VerifyScores(anchors, ledger).verify(Optional.empty());

        assertEquals(0, report.anchorsChecked());
        assertEquals(List.of(), report.mismatches());
        verifyNoInteractions(ledger);
    }
}
