package com.anchorhealth.application.standing;

import com.anchorhealth.application.port.out.AnchorRecord;
import com.anchorhealth.application.port.out.Anchors;
import com.anchorhealth.domain.policy.Thresholds;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Tier;
import jakarta.inject.Singleton;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every registered anchor's standing facts in memory, so that capability checks need no database
 * round trip. Writers publish the facts they committed, tagged with the anchor's ledger sequence;
 * an older sequence never replaces a newer one, whatever order the commits' threads arrive in.
 * <p>Kept compact, since a platform has millions of anchors: the map is keyed by the id's string (not
 * the {@link AnchorId} around it), and the common standing, an anchor with no counted violation, is
 * one boxed {@code long} packing the sequence, the score and the initial score; only anchors with
 * violations keep an entry with their full {@link StandingFacts}, whose held sessions are bounded
 * however many an anchor has had ({@link HeldSessions#KEPT}).
 */
@Singleton
public final class StandingIndex {
    private static final int SCORE_BITS = 16;
    private static final int SCORE_MASK = (1 << SCORE_BITS) - 1;

    /** An anchor whose facts do not pack into a {@code Long}: they are kept as they came. */
    private record Entry(int sequence, StandingFacts facts) {
    }

    /** Anchor id to a {@code Long} (packed clean standing) or an {@link Entry}. */
    private final ConcurrentHashMap<String, Object> entries = new ConcurrentHashMap<>();

    public Optional<StandingFacts> factsOf(AnchorId anchorId) {
        Object value = entries.get(anchorId.value());
        return value == null ? Optional.empty() : Optional.of(facts(value));
    }

    /** The indexed facts, or those the record holds when the index lacks the anchor. */
    public StandingFacts factsOf(AnchorRecord record) {
        return factsOf(record.profile().anchorId()).orElseGet(() -> record.anchor().facts());
    }

    /** Publishes the facts as of the anchor's ledger sequence, unless newer ones are already there. */
    public void publish(AnchorId anchorId, int sequence, StandingFacts facts) {
        entries.merge(anchorId.value(), pack(sequence, facts),
                (current, offered) -> sequence(offered) >= sequence(current) ? offered : current);
    }

    /** How many anchors stand on each tier under these thresholds, from memory. */
    public Map<Tier, Long> tierCounts(Thresholds thresholds) {
        Map<Tier, Long> counts = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            counts.put(tier, 0L);
        }
        entries.values().forEach(value -> counts.merge(thresholds.tierFor(facts(value).score()), 1L, Long::sum));
        return counts;
    }

    public int size() {
        return entries.size();
    }

    /** Loads every stored anchor, with the facts its row holds. */
    public void loadFrom(Anchors anchors) {
        anchors.forEach(record -> publish(record.profile().anchorId(), record.score().ledgerSequence(),
                record.anchor().facts()));
    }

    /** A {@code Long} when the facts are those of a clean anchor with small scores, else an {@link Entry}. */
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

    private static StandingFacts facts(Object value) {
        if (value instanceof Long packed) {
            int scores = (int) (long) packed;
            return new StandingFacts(scores >>> SCORE_BITS, scores & SCORE_MASK, Optional.empty(), false,
                    HeldSessions.NONE);
        }
        return ((Entry) value).facts();
    }
}
