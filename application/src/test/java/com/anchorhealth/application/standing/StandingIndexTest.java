package com.anchorhealth.application.standing;

import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.anchor.Violations;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;

@ExtendWith(MockitoExtension.class)
class StandingIndexTest {
    private static final AnchorId ANCHOR = new AnchorId("anchor-1");
    private static final Instant AT = Instant.parse("2024-03-01T00:00:00Z");

    @Mock
    private Anchors anchors;
    @Mock
    private Violations violations;

    private final StandingIndex index = new StandingIndex();

    private static StandingFacts atScore(int score) {
        return new StandingFacts(score, 100, Optional.empty(), false, HeldSessions.NONE);
    }

    @Test
    void anOlderSequenceNeverReplacesANewerOne() {
        index.publish(ANCHOR, 7, atScore(60));
        index.publish(ANCHOR, 6, atScore(70));

        assertEquals(Optional.of(atScore(60)), index.factsOf(ANCHOR));
    }

    @Test
    void aNewerOrEqualSequenceReplacesTheFacts() {
        index.publish(ANCHOR, 6, atScore(70));
        index.publish(ANCHOR, 7, atScore(60));
        assertEquals(Optional.of(atScore(60)), index.factsOf(ANCHOR));

        // A violation recorded without a deduction adds no ledger entry: the sequence stays the same.
        StandingFacts sameSequence = new StandingFacts(60, 100, Optional.of(AT), false, StoredAnchors.held("live-1"));
        index.publish(ANCHOR, 7, sameSequence);
        assertEquals(Optional.of(sameSequence), index.factsOf(ANCHOR));
    }

    @Test
    void anchorsAreIndexedSeparately() {
        index.publish(ANCHOR, 9, atScore(10));
        index.publish(new AnchorId("anchor-2"), 1, atScore(100));

        assertEquals(10, index.factsOf(ANCHOR).orElseThrow().score());
        assertEquals(100, index.factsOf(new AnchorId("anchor-2")).orElseThrow().score());
        assertEquals(Optional.empty(), index.factsOf(new AnchorId("anchor-3")));
        assertEquals(2, index.size());
    }

    @Test
    void loadingTakesTheFactsTheRowsHold() {
        AnchorRecord seller = StoredAnchors.anchor("anchor-1").score(80, 3).lastViolationAt(AT)
                .facts(1, "live-3").record();
        AnchorRecord clean = StoredAnchors.anchor("anchor-2").record();
        doAnswer(invocation -> {
            Anchors.StandingConsumer consumer = invocation.getArgument(0);
            List.of(seller, clean).forEach(record -> consumer.accept(record.profile().anchorId().value(),
                    record.score().ledgerSequence(), record.anchor().facts()));
            return null;
        }).when(anchors).forEachStanding(any());

        index.loadFrom(anchors);

        assertEquals(Optional.of(new StandingFacts(80, 100, Optional.of(AT), true, StoredAnchors.held("live-3"))),
                index.factsOf(ANCHOR));
        StandingFacts cleanFacts = index.factsOf(new AnchorId("anchor-2")).orElseThrow();
        assertEquals(100, cleanFacts.score());
        assertFalse(cleanFacts.sellingRevoked());
    }

    @Test
    void aRecordMissingFromTheIndexFallsBackToItsProjection() {
        AnchorRecord record = StoredAnchors.anchor("anchor-1").score(33, 4).record();

        assertEquals(33, index.factsOf(record).score());
        index.publish(ANCHOR, 5, atScore(25));
        assertEquals(25, index.factsOf(record).score());
    }
}
