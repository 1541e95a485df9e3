package com.anchorhealth.application.standing;

import com.anchorhealth.application.port.out.AnchorRecord;
import com.anchorhealth.application.port.out.Anchors;
import com.anchorhealth.application.port.out.Violations;
import com.anchorhealth.domain.anchor.AnchorId;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.violation.RecordedViolation;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every registered anchor's standing facts in memory, so that capability checks need no database
 * round trip. Writers publish the facts they committed, tagged with the anchor's ledger sequence;
 * an older sequence never replaces a newer one, whatever order the commits' threads arrive in.
 */
public final class StandingIndex {
    private record Entry(int sequence, StandingFacts facts) {
    }

    private final ConcurrentHashMap<AnchorId, Entry> entries = new ConcurrentHashMap<>();

    public Optional<StandingFacts> factsOf(AnchorId anchorId) {
        Entry entry = entries.get(anchorId);
        return entry == null ? Optional.empty() : Optional.of(entry.facts());
    }

    /** The indexed facts, or those of the record's score projection when the index lacks the anchor. */
    public StandingFacts factsOf(AnchorRecord record) {
        return factsOf(record.profile().anchorId()).orElseGet(() -> projectionFacts(record));
    }

    /** Publishes the facts as of the anchor's ledger sequence, unless newer ones are already there. */
    public void publish(AnchorId anchorId, int sequence, StandingFacts facts) {
        entries.merge(anchorId, new Entry(sequence, facts),
                (current, offered) -> offered.sequence() >= current.sequence() ? offered : current);
    }

    public int size() {
        return entries.size();
    }

    /** Loads every stored anchor: the score projection, then the violations that restrict capabilities. */
    public void loadFrom(Anchors anchors, Violations violations) {
        anchors.forEach(this::publishProjection);
        violations.forEachCountedWithSanctions(this::addSanction);
    }

    private void publishProjection(AnchorRecord record) {
        publish(record.profile().anchorId(), record.score().ledgerSequence(), projectionFacts(record));
    }

    /** The facts the anchors table alone gives; violations add selling revocations and sessions. */
    private static StandingFacts projectionFacts(AnchorRecord record) {
        var score = record.score();
        return new StandingFacts(score.score(), score.initialScore(), score.lastViolationAt(), false, Set.of());
    }

    private void addSanction(RecordedViolation violation) {
        entries.computeIfPresent(violation.anchorId(), (id, entry) -> {
            StandingFacts facts = entry.facts();
            Set<String> sessions = new HashSet<>(facts.sessionsWithViolations());
            violation.report().liveSessionId().ifPresent(sessions::add);
            return new Entry(entry.sequence(), new StandingFacts(facts.score(), facts.initialScore(),
                    facts.lastViolationAt(), facts.sellingRevoked() || violation.revokesSelling(), sessions));
        });
    }
}
