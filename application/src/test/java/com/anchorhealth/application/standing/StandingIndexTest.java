package com.anchorhealth.application.standing;

import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.anchor.ScoreKey;
import com.anchorhealth.application.port.out.anchor.Violations;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.sanction.StandingView;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.Mock;
import org.mockito.junit.jupiter.MockitoExtension;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
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
            assertViews(facts, index.viewOf(id.getBytes(StandardCharsets.US_ASCII), new StandingIndex.PackedView()), id);
            found += facts.isPresent() ? 1 : 0;
        }
        assertTrue(found >= ids.size() / 2, found + " found");
        for (String id : List.of("é", "anchor-é", "\u00ff")) {
            assertNull(index.viewOf(id.getBytes(StandardCharsets.UTF_8), new StandingIndex.PackedView()), id);
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
                assertViews(nearlyFull.factsOf(new AnchorId(id)),
                        nearlyFull.viewOf(id.getBytes(StandardCharsets.US_ASCII), new StandingIndex.PackedView()), id);
            }
        }
    }

    /**
     * Facts that pack into the index's word (scores, selling revoked, a last violation to the
     * millisecond since 2000) and facts that do not (nanoseconds, before 2000, held sessions), each
     * read through one reused view: what the rules read of it is what they read of the facts.
     */
    @Test
    void aViewReadsWhatTheFactsSay() {
        Random random = new Random(23);
        HeldSessions held = new HeldSessions(Map.of("live-1", AT.plusSeconds(60)), Optional.empty());
        List<StandingFacts> published = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            Optional<Instant> last = switch (random.nextInt(5)) {
                case 0 -> Optional.empty();
                case 1 -> Optional.of(AT.minusMillis(random.nextLong(10_000_000_000L)));
                case 2 -> Optional.of(AT.minusNanos(random.nextLong(10_000_000_000_000L)));
                case 3 -> Optional.of(Instant.parse("2000-01-01T00:00:00Z").plusMillis(random.nextInt(2_000) - 1_000));
                default -> Optional.of(Instant.ofEpochMilli(random.nextLong(4_000_000_000_000L)));
            };
            StandingFacts facts = new StandingFacts(random.nextInt(121), random.nextBoolean() ? 100 : 120, last,
                    random.nextInt(10) == 0, random.nextInt(20) == 0 ? held : HeldSessions.NONE);
            index.publish(new AnchorId("anchor-" + i), 1, facts);
            published.add(facts);
        }
        StandingIndex.PackedView view = new StandingIndex.PackedView();
        for (int i = 0; i < published.size(); i++) {
            String id = "anchor-" + i;
            assertViews(Optional.of(published.get(i)), index.viewOf(id.getBytes(StandardCharsets.US_ASCII), view), id);
        }
    }

    /**
     * The view says what the rules read of the facts, the last violation probed to the nanosecond
     * around it; no view for no facts.
     */
    private static void assertViews(Optional<StandingFacts> expected, StandingView view, String id) {
        if (expected.isEmpty()) {
            assertNull(view, id);
            return;
        }
        StandingFacts facts = expected.get();
        assertEquals(facts.score(), view.score(), id);
        assertEquals(facts.initialScore(), view.initialScore(), id);
        assertEquals(facts.sellingRevoked(), view.sellingRevoked(), id);
        assertEquals(facts.heldSessions(), view.heldSessions(), id);
        Instant around = facts.lastViolationAt().orElse(AT);
        for (long offset : new long[]{-1_000_000_000L, -1_000_000, -1, 0, 1, 1_000_000, 1_000_000_000L}) {
            Instant probe = around.plusNanos(offset);
            assertEquals(facts.lastViolationAfter(probe.getEpochSecond(), probe.getNano()),
                    view.lastViolationAfter(probe.getEpochSecond(), probe.getNano()), id + " after " + probe);
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

    /**
     * Pages and counts of random lists against the same lists sorted here: 3,000 anchors with ids of
     * one to six characters (capitals sort before small letters, as byte for byte), scores bunched so
     * that ties are many, a few kept apart (held sessions) or above what packs; every order, random
     * ranges, keys that are anchors and keys that are not, and limits from 1 past the whole list.
     */
    @Test
    void pagesAndCountsAreThoseOfTheSortedList() {
        Random random = new Random(18);
        String characters = "AZaz09._-";
        Map<String, Integer> scores = new HashMap<>();
        while (scores.size() < 3_000) {
            StringBuilder id = new StringBuilder();
            for (int c = 1 + random.nextInt(6); c > 0; c--) {
                id.append(characters.charAt(random.nextInt(characters.length())));
            }
            int score = random.nextInt(4) == 0 ? random.nextInt(130) : 100 - random.nextInt(3) * 10;
            if (random.nextInt(100) == 0) {
                score = 1_500 + random.nextInt(3);
            }
            scores.put(id.toString(), score);
            HeldSessions held = random.nextInt(20) == 0 ? new HeldSessions(Map.of("live-1", AT),
                    Optional.empty()) : HeldSessions.NONE;
            index.publish(id.toString(), 1,
                    new StandingFacts(score, Math.max(score, 100), Optional.empty(), false, held));
        }
        List<ScoreKey> all = scores.entrySet().stream()
                .map(entry -> new ScoreKey(entry.getValue(), entry.getKey())).toList();
        for (int round = 0; round < 400; round++) {
            StandingIndex.Order order = new StandingIndex.Order(random.nextBoolean(), random.nextBoolean());
            Comparator<ScoreKey> ascending = order.byScore()
                    ? Comparator.comparingInt(ScoreKey::score).thenComparing(ScoreKey::anchorId)
                    : Comparator.comparing(ScoreKey::anchorId);
            Comparator<ScoreKey> inOrder = order.ascending() ? ascending : ascending.reversed();
            int min = random.nextInt(4) == 0 ? Integer.MIN_VALUE : random.nextInt(110);
            int max = random.nextInt(4) == 0 ? Integer.MAX_VALUE : min + random.nextInt(60);
            List<ScoreKey> listed = all.stream()
                    .filter(place -> place.score() >= min && place.score() <= max).sorted(inOrder).toList();
            Optional<ScoreKey> key = switch (random.nextInt(3)) {
                case 0 -> Optional.empty();
                case 1 -> Optional.of(all.get(random.nextInt(all.size())));
                default -> Optional.of(new ScoreKey(random.nextInt(130), "m" + random.nextInt(1000)));
            };
            int limit = 1 + random.nextInt(random.nextBoolean() ? 30 : 4_000);
            List<ScoreKey> after = listed.stream()
                    .filter(place -> key.map(k -> inOrder.compare(place, k) > 0).orElse(true)).toList();
            String what = order + " " + min + ".." + max + " after " + key + " limit " + limit;
            assertEquals(after.subList(0, Math.min(limit, after.size())), index.places(min, max, order, key, limit),
                    what);
            long before = listed.stream()
                    .filter(place -> key.map(k -> inOrder.compare(place, k) < 0).orElse(false)).count();
            assertEquals(new ListCount(listed.size(), before),
                    index.count(min, max, order, key), what);
        }
    }
}
