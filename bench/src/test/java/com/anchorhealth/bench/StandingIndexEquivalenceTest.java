package com.anchorhealth.bench;

import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.bench.baseline.MapStandingIndex;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The compact StandingIndex answers exactly as the first, map-of-records one did, for random
 * publications including the edges of its packed form (scores beyond 16 bits, negative or huge
 * sequences, instants with nanoseconds, sessions and selling revocations).
 */
class StandingIndexEquivalenceTest {

    @Test
    void randomPublicationsGiveTheSameFactsAsTheBaseline() {
        SplittableRandom random = new SplittableRandom(11);
        StandingIndex compact = new StandingIndex();
        MapStandingIndex baseline = new MapStandingIndex();
        int[] scores = {0, 1, 19, 40, 100, 120, 65_535, 65_536, -1, Integer.MAX_VALUE, Integer.MIN_VALUE};
        int[] sequences = {0, 1, 2, 7, 1_000_000, Integer.MAX_VALUE, -1, Integer.MIN_VALUE};
        for (int i = 0; i < 20_000; i++) {
            AnchorId id = new AnchorId("a-" + random.nextInt(500));
            int score = random.nextInt(4) == 0 ? scores[random.nextInt(scores.length)] : random.nextInt(121);
            int initial = random.nextInt(4) == 0 ? scores[random.nextInt(scores.length)] : 100;
            int sequence = random.nextInt(4) == 0 ? sequences[random.nextInt(sequences.length)] : random.nextInt(50);
            Optional<Instant> last = switch (random.nextInt(4)) {
                case 0 -> Optional.of(Instant.ofEpochSecond(random.nextInt(2_000_000_000), random.nextInt(1_000_000_000)));
                case 1 -> Optional.of(Instant.ofEpochMilli(random.nextLong(4_000_000_000_000L)));
                default -> Optional.empty();
            };
            boolean selling = random.nextInt(10) == 0;
            HeldSessions sessions = random.nextInt(10) == 0 ? new HeldSessions(Map.of("live-" + random.nextInt(3),
                    Instant.ofEpochSecond(random.nextInt(2_000_000_000))), Optional.empty()) : HeldSessions.NONE;
            StandingFacts facts = new StandingFacts(score, initial, last, selling, sessions);
            compact.publish(id, sequence, facts);
            baseline.publish(id, sequence, facts);
            assertEquals(baseline.factsOf(id), compact.factsOf(id), "after publication " + i);
        }
        assertEquals(baseline.size(), compact.size());
        for (int i = 0; i < 600; i++) {
            AnchorId id = new AnchorId("a-" + i);
            assertEquals(baseline.factsOf(id), compact.factsOf(id));
        }
    }
}
