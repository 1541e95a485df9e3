package com.anchorhealth.bench.baseline;

import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The StandingIndex's storage before the dense one, kept as the heap benchmark's baseline (its
 * storage alone: no read is measured): a
 * ConcurrentHashMap from the id string to a boxed {@code long} packing the sequence and scores of an
 * anchor with no counted violation, or to a record of the sequence and the full StandingFacts.
 */
public final class BoxedStandingIndex {
    private static final int SCORE_BITS = 16;
    private static final int SCORE_MASK = (1 << SCORE_BITS) - 1;

    private record Entry(int sequence, StandingFacts facts) {
    }

    private final ConcurrentHashMap<String, Object> entries = new ConcurrentHashMap<>();

    public void publish(AnchorId anchorId, int sequence, StandingFacts facts) {
        entries.merge(anchorId.value(), pack(sequence, facts),
                (current, offered) -> sequence(offered) >= sequence(current) ? offered : current);
    }

    public int size() {
        return entries.size();
    }

    private static Object pack(int sequence, StandingFacts facts) {
        boolean clean = facts.lastViolationAt().isEmpty() && !facts.sellingRevoked() && facts.heldSessions().isEmpty();
        if (clean && fits(facts.score()) && fits(facts.initialScore())) {
            return ((long) sequence << 32) | ((long) facts.score() << SCORE_BITS) | facts.initialScore();
        }
        return new Entry(sequence, facts);
    }

    private static boolean fits(int score) {
        return score >= 0 && score <= SCORE_MASK;
    }

    private static int sequence(Object value) {
        return value instanceof Long packed ? (int) (packed >>> 32) : ((Entry) value).sequence();
    }
}
