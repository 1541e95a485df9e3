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

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
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

    /**
     * Ids of every length, some whose {@code String} hashes collide ("Aa" and "BB"), and non-ASCII
     * bytes no stored id has: looked up by their bytes, the facts looked up by the id.
     */
    @Test
    void anIdsBytesFindWhatTheIdFinds() {
        Random random = new Random(22);
        String characters = "ABab0189._-";
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 30_000; i++) {
            StringBuilder id = new StringBuilder();
            int length = 1 + random.nextInt(random.nextBoolean() ? 4 : AnchorId.MAX_LENGTH);
            for (int c = 0; c < length; c++) {
                id.append(random.nextInt(8) == 0 ? (random.nextBoolean() ? "Aa" : "BB")
                        : String.valueOf(characters.charAt(random.nextInt(characters.length()))));
            }
            ids.add(id.length() > AnchorId.MAX_LENGTH ? id.substring(0, AnchorId.MAX_LENGTH) : id.toString());
        }
        for (int i = 0; i < ids.size() / 2; i++) {
            index.publish(new AnchorId(ids.get(i)), 1, atScore(random.nextInt(101)));
        }
        int found = 0;
        for (String id : ids) {
            Optional<StandingFacts> facts = index.factsOf(new AnchorId(id));
            assertEquals(facts, index.factsOf(id.getBytes(StandardCharsets.US_ASCII)), id);
            found += facts.isPresent() ? 1 : 0;
        }
        assertTrue(found >= ids.size() / 2, found + " found");
        for (String id : List.of("é", "anchor-é", "\u00ff")) {
            assertEquals(Optional.empty(), index.factsOf(id.getBytes(StandardCharsets.UTF_8)));
        }
    }

    /**
     * A table two thirds full of ids that differ from others only in their last character, looked up
     * by ids that differ from them only there: a look-up's probe passes ids that nearly match.
     */
    @Test
    void anIdsBytesFindNoIdThatDiffersOnlyInItsLastByte() {
        StandingIndex nearlyFull = new StandingIndex();
        String stored = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
        String absent = "abcdefghijklmnopqrstuvwxyz6789._";
        for (int family = 0; family < 21; family++) {
            for (char last : stored.toCharArray()) {
                nearlyFull.publish(new AnchorId("family-" + family + last), 1, atScore(family));
            }
        }
        for (int family = 0; family < 21; family++) {
            for (char last : (stored + absent).toCharArray()) {
                String id = "family-" + family + last;
                assertEquals(nearlyFull.factsOf(new AnchorId(id)),
                        nearlyFull.factsOf(id.getBytes(StandardCharsets.US_ASCII)), id);
            }
        }
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
