package com.anchorhealth.application.standing;

import com.anchorhealth.application.port.out.AnchorRecord;
import com.anchorhealth.application.port.out.Ledger;
import com.anchorhealth.application.port.out.Violations;
import com.anchorhealth.domain.policy.Policy;
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
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Standings read from the store: now, as of a past instant, or right after a violation. */
@Singleton
public final class StandingReader {
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

    /** The standing right after each of the given violations, from one read of the anchor's history. */
    public List<Standing> afterEach(AnchorId anchorId, List<RecordedViolation> wanted) {
        List<ScoreEvent> entries = ledger.ledgerOf(anchorId);
        List<RecordedViolation> recorded = violations.listAll(anchorId);
        return wanted.stream().map(violation -> after(violation, entries, recorded)).toList();
    }

    private Standing after(RecordedViolation violation, List<ScoreEvent> entries, List<RecordedViolation> recorded) {
        int sequence = violation.ledgerSequence();
        List<ScoreEvent> upTo = entries.stream().filter(entry -> entry.sequence() <= sequence).toList();
        List<RecordedViolation> before = recorded.stream()
                .filter(other -> other.ledgerSequence() <= sequence
                        && !other.recordedAt().isAfter(violation.recordedAt()))
                .toList();
        Policy policy = policies.version(violation.policyVersion())
                .orElseGet(() -> policies.inForceAt(violation.recordedAt()));
        return Standing.evaluate(policy, violation.anchorId(), StandingFacts.fromHistory(upTo, before),
                violation.recordedAt());
    }
}
