package com.anchorhealth.application.standing;

import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.CountedBefore;
import com.anchorhealth.application.port.out.anchor.Ledger;
import com.anchorhealth.application.port.out.anchor.ViolationWithFacts;
import com.anchorhealth.application.port.out.anchor.Violations;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Standings read from the store: now, as of a past instant, or right after a violation. */
@Singleton
public final class StandingReader {
    /** Every ledger opens with its INITIAL entry, which sets the ceiling. */
    private static final int OPENING_SEQUENCE = 1;

    private final Ledger ledger;
    private final Violations violations;
    private final PolicyBook policies;

    @Inject
    public StandingReader(Ledger ledger, Violations violations, PolicyBook policies) {
        this.ledger = ledger;
        this.violations = violations;
        this.policies = policies;
    }

    /** The standing now, from the facts on the anchor's row. */
    public Standing current(AnchorRecord record, Instant now) {
        return record.anchor().standingAt(policies.inForceAt(now), now);
    }

    /**
     * The standing at a past instant: the fold of the ledger up to it, and the violations recorded by
     * then in the states they had then (one overturned later still counted), under the policy then in
     * force. Before the anchor was registered it stood at its initial score.
     */
    public Standing asOf(AnchorId anchorId, Instant at) {
        List<ScoreEvent> entries = ledger.ledgerOf(anchorId).stream()
                .filter(entry -> entry.kind() == ScoreEventKind.INITIAL || !entry.recordedAt().isAfter(at))
                .toList();
        Set<String> overturnedByThen = entries.stream()
                .filter(entry -> entry.kind() == ScoreEventKind.RESTORATION)
                .flatMap(entry -> entry.violationId().stream())
                .collect(Collectors.toSet());
        List<RecordedViolation> recorded = violations.listAll(anchorId).stream()
                .filter(violation -> !violation.recordedAt().isAfter(at))
                .map(violation -> violation.state() == ViolationState.OVERTURNED
                        && !overturnedByThen.contains(violation.violationId())
                        ? violation.inState(ViolationState.ACTIVE) : violation)
                .toList();
        return Standing.evaluate(policies.inForceAt(at), anchorId, StandingFacts.fromHistory(entries, recorded), at);
    }

    /**
     * The standing right after each of the given violations of one anchor, as it was when each was
     * recorded: from the facts its row keeps, in one keyed read whatever the anchor's history. A
     * violation recorded before its facts were kept is read for itself: the score from the ledger
     * entry at its sequence, the ceiling from the opening entry, and the facts of the violations
     * counted up to it, aggregated in the store.
     */
    public List<Standing> afterEach(AnchorId anchorId, List<RecordedViolation> wanted) {
        if (wanted.isEmpty()) {
            return List.of();
        }
        Map<String, StandingFacts> kept = violations.factsAfter(anchorId, wanted.stream()
                .map(RecordedViolation::violationId).toList());
        return afterEachAsKept(anchorId, wanted.stream().map(violation -> new ViolationWithFacts(violation,
                Optional.ofNullable(kept.get(violation.violationId())))).toList());
    }

    /** {@link #afterEach}, for violations read with the facts their rows keep: no further read for those. */
    public List<Standing> afterEachAsKept(AnchorId anchorId, List<ViolationWithFacts> wanted) {
        Map<String, StandingFacts> facts = new HashMap<>();
        List<RecordedViolation> older = new ArrayList<>();
        for (ViolationWithFacts row : wanted) {
            row.factsAfter().ifPresentOrElse(kept -> facts.put(row.violation().violationId(), kept),
                    () -> older.add(row.violation()));
        }
        facts.putAll(aggregatedFactsAfter(anchorId, older));
        return wanted.stream().map(row -> asRecorded(row.violation(), facts.get(row.violation().violationId())))
                .toList();
    }

    private Map<String, StandingFacts> aggregatedFactsAfter(AnchorId anchorId, List<RecordedViolation> wanted) {
        if (wanted.isEmpty()) {
            return Map.of();
        }
        Set<Integer> sequences = new HashSet<>();
        sequences.add(OPENING_SEQUENCE);
        wanted.forEach(violation -> sequences.add(violation.ledgerSequence()));
        Map<Integer, ScoreEvent> entries = ledger.entriesAt(anchorId, sequences);
        List<CountedBefore> counted = violations.countedUpTo(anchorId, wanted);
        int initialScore = entry(entries, anchorId, OPENING_SEQUENCE).delta();
        Map<String, StandingFacts> facts = new HashMap<>();
        for (int i = 0; i < wanted.size(); i++) {
            RecordedViolation violation = wanted.get(i);
            int score = entry(entries, anchorId, violation.ledgerSequence()).scoreAfter();
            facts.put(violation.violationId(), new StandingFacts(score, initialScore, counted.get(i).lastOccurredAt(),
                    counted.get(i).sellingRevoked(), HeldSessions.NONE)); // a standing names no session
        }
        return facts;
    }

    /** The standing right after {@code violation} was recorded, from the facts it left then. */
    public Standing asRecorded(RecordedViolation violation, StandingFacts factsAfter) {
        Policy policy = policies.version(violation.policyVersion())
                .orElseGet(() -> policies.inForceAt(violation.recordedAt()));
        return Standing.evaluate(policy, violation.anchorId(), factsAfter, violation.recordedAt());
    }

    private static ScoreEvent entry(Map<Integer, ScoreEvent> entries, AnchorId anchorId, int sequence) {
        ScoreEvent entry = entries.get(sequence);
        if (entry == null) {
            throw new IllegalStateException("the ledger of " + anchorId.value() + " has no entry " + sequence);
        }
        return entry;
    }
}
