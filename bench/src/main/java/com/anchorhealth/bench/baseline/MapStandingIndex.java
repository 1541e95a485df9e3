package com.anchorhealth.bench.baseline;

import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The first StandingIndex's storage, kept verbatim as the heap benchmark's baseline: a
 * ConcurrentHashMap from AnchorId to an entry record holding the sequence and the StandingFacts.
 */
public final class MapStandingIndex {
    private record Entry(int sequence, StandingFacts facts) {
    }

    private final ConcurrentHashMap<AnchorId, Entry> entries = new ConcurrentHashMap<>();

    public Optional<StandingFacts> factsOf(AnchorId anchorId) {
        Entry entry = entries.get(anchorId);
        return entry == null ? Optional.empty() : Optional.of(entry.facts());
    }

    public void publish(AnchorId anchorId, int sequence, StandingFacts facts) {
        entries.merge(anchorId, new Entry(sequence, facts),
                (current, offered) -> offered.sequence() >= current.sequence() ? offered : current);
    }

    public int size() {
        return entries.size();
    }
}
