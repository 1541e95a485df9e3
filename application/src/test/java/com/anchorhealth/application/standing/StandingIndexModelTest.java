package com.anchorhealth.application.standing;

import com.anchorhealth.domain.policy.Thresholds;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The index answers as the simplest index would: a map of id to the facts of the highest sequence
 * published (a later publication of an equal sequence wins). A million random operations, with ids of
 * every length and the edges of the packed form: scores beyond ten bits or negative, instants before
 * its origin, beyond its range or with nanoseconds, selling revoked, held and spilled sessions.
 */
class StandingIndexModelTest {
    private static final String ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-";
    private static final Thresholds THRESHOLDS = new Thresholds(80, 60, 40);

    /** The reference: what the first index was, a map of records. */
    private record Published(int sequence, StandingFacts facts) {
    }

    @Test
    void aMillionRandomOperationsAnswerAsTheReferenceModel() {
        SplittableRandom random = new SplittableRandom(22);
        List<AnchorId> ids = new ArrayList<>();
        for (int i = 0; i < 150_000; i++) {
            ids.add(new AnchorId(randomId(random)));
        }
        StandingIndex index = new StandingIndex();
        Map<AnchorId, Published> model = new HashMap<>();
        for (int operation = 0; operation < 1_000_000; operation++) {
            AnchorId id = ids.get(random.nextInt(ids.size()));
            int kind = random.nextInt(10);
            if (kind < 5) {
                int sequence = random.nextInt(8) == 0 ? edgeSequence(random) : random.nextInt(40);
                StandingFacts facts = randomFacts(random);
                index.publish(id, sequence, facts);
                model.merge(id, new Published(sequence, facts),
                        (current, offered) -> offered.sequence() >= current.sequence() ? offered : current);
            } else {
                Optional<StandingFacts> expected = Optional.ofNullable(model.get(id)).map(Published::facts);
                assertEquals(expected, index.factsOf(id), "operation " + operation + ", " + id);
            }
            if (operation % 250_000 == 0) {
                assertEquals(model.size(), index.size());
                assertEquals(tierCounts(model), index.tierCounts(THRESHOLDS));
            }
        }
        assertEquals(model.size(), index.size());
        assertEquals(tierCounts(model), index.tierCounts(THRESHOLDS));
        for (AnchorId id : ids) {
            assertEquals(Optional.ofNullable(model.get(id)).map(Published::facts), index.factsOf(id), id.value());
        }
    }

    /**
     * Readers racing one writer see, for every anchor already published, facts that were published
     * for it, never older than those they saw before, and never a torn mix of packed and apart ones;
     * while the table grows under them, no anchor published before a read goes missing.
     */
    @Test
    void readersRacingTheWriterSeeWholeFactsOfAPublishedAnchorNeverGoingBack() throws InterruptedException {
        StandingIndex index = new StandingIndex();
        int anchors = 200_000;
        AtomicInteger published = new AtomicInteger();
        AtomicReference<String> failure = new AtomicReference<>();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            int seed = r;
            readers.add(new Thread(() -> {
                SplittableRandom random = new SplittableRandom(seed);
                int[] seen = new int[anchors];
                while (published.get() < anchors * 3 && failure.get() == null) {
                    int upTo = Math.min(published.get(), anchors);
                    if (upTo == 0) {
                        continue;
                    }
                    int anchor = random.nextInt(upTo);
                    Optional<StandingFacts> facts = index.factsOf(new AnchorId("racing-" + anchor));
                    if (facts.isEmpty()) {
                        failure.set("racing-" + anchor + " missing after it was published");
                    } else if (!wellFormed(facts.get())) {
                        failure.set("torn facts " + facts.get());
                    } else if (facts.get().score() < seen[anchor]) {
                        failure.set("racing-" + anchor + " went back from " + seen[anchor] + " to " + facts.get());
                    } else {
                        seen[anchor] = facts.get().score();
                    }
                }
            }));
        }
        readers.forEach(Thread::start);
        for (int round = 0; round < 3; round++) {
            for (int anchor = 0; anchor < anchors; anchor++) {
                int score = round * 2 + (anchor % 2);
                index.publish(new AnchorId("racing-" + anchor), score, racingFacts(score));
                if (round == 0) {
                    published.set(anchor + 1);
                }
            }
            published.addAndGet(anchors);
        }
        for (Thread reader : readers) {
            reader.join();
        }
        assertNull(failure.get());
    }

    /** Odd scores are kept apart (a held session), even ones packed (a last violation). */
    private static StandingFacts racingFacts(int score) {
        Instant at = Instant.ofEpochSecond(1_700_000_000L + score);
        return score % 2 == 1
                ? new StandingFacts(score, 100, Optional.of(at), true, new HeldSessions(Map.of("live-" + score, at),
                Optional.empty()))
                : new StandingFacts(score, 100, Optional.of(at), false, HeldSessions.NONE);
    }

    private static boolean wellFormed(StandingFacts facts) {
        return facts.equals(racingFacts(facts.score()));
    }

    private static Map<Tier, Long> tierCounts(Map<AnchorId, Published> model) {
        Map<Tier, Long> counts = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            counts.put(tier, 0L);
        }
        model.values().forEach(entry -> counts.merge(THRESHOLDS.tierFor(entry.facts().score()), 1L, Long::sum));
        return counts;
    }

    private static String randomId(SplittableRandom random) {
        int length = random.nextInt(4) == 0 ? 1 + random.nextInt(64) : 6 + random.nextInt(10);
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(ID_CHARACTERS.charAt(random.nextInt(ID_CHARACTERS.length())));
        }
        return id.toString();
    }

    private static int edgeSequence(SplittableRandom random) {
        int[] edges = {0, 1, Integer.MAX_VALUE, -1, Integer.MIN_VALUE, 1_000_000};
        return edges[random.nextInt(edges.length)];
    }

    private static StandingFacts randomFacts(SplittableRandom random) {
        int[] scores = {0, 1, 1000, 1023, 1024, 65_536, -1, Integer.MAX_VALUE, Integer.MIN_VALUE};
        int score = random.nextInt(6) == 0 ? scores[random.nextInt(scores.length)] : random.nextInt(101);
        int initial = random.nextInt(6) == 0 ? scores[random.nextInt(scores.length)] : 100;
        Optional<Instant> last = switch (random.nextInt(8)) {
            case 0 -> Optional.of(Instant.ofEpochMilli(1_700_000_000_000L + random.nextLong(100_000_000_000L)));
            case 1 -> Optional.of(Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 5_000_000_000_000L),
                    random.nextInt(1_000_000_000)));
            case 2 -> Optional.of(random.nextBoolean() ? Instant.MIN : Instant.MAX);
            case 3 -> Optional.of(Instant.parse("2000-01-01T00:00:00Z").plusMillis(random.nextInt(3) - 1));
            default -> Optional.empty();
        };
        boolean selling = random.nextInt(8) == 0;
        HeldSessions sessions = switch (random.nextInt(12)) {
            case 0 -> new HeldSessions(Map.of("live-" + random.nextInt(5), Instant.ofEpochSecond(random.nextInt(2_000_000_000))),
                    Optional.empty());
            case 1 -> new HeldSessions(Map.of(), Optional.of(Instant.ofEpochSecond(random.nextInt(2_000_000_000))));
            default -> HeldSessions.NONE;
        };
        return new StandingFacts(score, initial, last, selling, sessions);
    }
}
