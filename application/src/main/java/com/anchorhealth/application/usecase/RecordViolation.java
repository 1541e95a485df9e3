package com.anchorhealth.application.usecase;

import com.anchorhealth.application.command.RecordViolationCommand;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.port.out.AnchorRecord;
import com.anchorhealth.application.port.out.Anchors;
import com.anchorhealth.application.port.out.ChangeCause;
import com.anchorhealth.application.port.out.Guilds;
import com.anchorhealth.application.port.out.IdGenerator;
import com.anchorhealth.application.port.out.IdempotencyKeys;
import com.anchorhealth.application.port.out.Ledger;
import com.anchorhealth.application.port.out.PublicNotices;
import com.anchorhealth.application.port.out.StandingOutbox;
import com.anchorhealth.application.port.out.Transactions;
import com.anchorhealth.application.port.out.Violations;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.application.standing.StandingReader;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.ViolationType;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Records a violation and deducts its points, in one transaction: the violation, its ledger entry,
 * the new score projection, the member guild's deduction (and removal), the outbox row and the
 * idempotency key. The anchor's row is locked first,
 * so concurrent violations of one anchor serialize and none is lost.
 */
public final class RecordViolation {
    static final String OPERATION = "RecordViolation";

    private final Transactions transactions;
    private final Anchors anchors;
    private final Violations violations;
    private final Ledger ledger;
    private final Idempotency idempotency;
    private final StandingChangeWriter changes;
    private final IdGenerator ids;
    private final GuildPenalties penalties;
    private final PolicyBook policies;
    private final StandingIndex index;
    private final StandingReader standings;
    private final Clock clock;

    public RecordViolation(Transactions transactions, Anchors anchors, Violations violations, Ledger ledger,
                           IdempotencyKeys keys, StandingOutbox outbox, IdGenerator ids, Guilds guilds,
                           PublicNotices notices, PolicyBook policies, StandingIndex index, StandingReader standings,
                           Clock clock) {
        this.transactions = transactions;
        this.anchors = anchors;
        this.violations = violations;
        this.ledger = ledger;
        this.idempotency = new Idempotency(keys);
        this.changes = new StandingChangeWriter(outbox, ids);
        this.ids = ids;
        this.penalties = new GuildPenalties(guilds, anchors, notices, ids);
        this.policies = policies;
        this.index = index;
        this.standings = standings;
        this.clock = clock;
    }

    private record Outcome(RecordedViolation violation, Optional<Standing> standingAfter, StandingFacts facts) {
    }

    public ViolationView record(RecordViolationCommand command, String actor) {
        String fingerprint = command.fingerprint();
        Outcome outcome = Idempotency.retryingConflicts(() -> transactions.inTransaction(() -> {
            Optional<String> first = idempotency.firstResult(command.requestId(), OPERATION, fingerprint);
            if (first.isEmpty()) {
                AnchorRecord anchor = anchors.lock(command.anchorId()).orElseThrow(() ->
                        new NotFoundException("Anchor", AnchorNames.anchor(command.anchorId())));
                // Looked up again under the anchor's lock: a concurrent retry of this request waited
                // for the first call to commit, and must now see it.
                first = idempotency.firstResult(command.requestId(), OPERATION, fingerprint);
                if (first.isEmpty()) {
                    return recordNew(command, anchor, fingerprint, actor);
                }
            }
            return new Outcome(findFirst(command.anchorId(), first.get()), Optional.empty(), null);
        }));
        if (outcome.standingAfter().isEmpty()) {
            RecordedViolation first = outcome.violation();
            return new ViolationView(first, standings.afterEach(first.anchorId(), List.of(first)).get(0));
        }
        index.publish(command.anchorId(), outcome.violation().ledgerSequence(), outcome.facts());
        return new ViolationView(outcome.violation(), outcome.standingAfter().get());
    }

    private Outcome recordNew(RecordViolationCommand command, AnchorRecord anchor, String fingerprint, String actor) {
        Instant now = clock.instant();
        Policy policy = policies.inForceAt(now);
        ViolationRecording.Computed computed = ViolationRecording.compute(command, anchor,
                violations.listAll(command.anchorId()), policy, ids.newId(), now, actor);
        RecordedViolation violation = computed.violation();
        violations.insert(violation);
        computed.recorded().deduction().ifPresent(deduction -> {
            ledger.append(deduction);
            anchors.updateScore(computed.scoreAfter(), now);
        });
        penalties.chargeMember(anchor.profile().guildId(), violation, policy.guildRules(), now);
        changes.write(Optional.of(computed.before()), computed.after(), computed.scoreAfter().ledgerSequence(),
                ChangeCause.VIOLATION_RECORDED, Optional.of(violation.violationId()));
        idempotency.remember(command.requestId(), OPERATION, fingerprint,
                AnchorNames.violation(command.anchorId(), violation.violationId()), now, actor);
        return new Outcome(violation, Optional.of(computed.after()), computed.factsAfter());
    }

    private RecordedViolation findFirst(AnchorId anchorId, String resourceName) {
        String violationId = resourceName.substring(resourceName.lastIndexOf('/') + 1);
        return violations.find(anchorId, violationId).orElseThrow(() ->
                new IllegalStateException("idempotency key names a missing violation " + resourceName));
    }
}
