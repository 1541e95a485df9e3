package com.anchorhealth.application.appeal;

import com.anchorhealth.application.error.FailedPreconditionException;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.guild.GuildPenalties;
import com.anchorhealth.application.port.out.AnchorRecord;
import com.anchorhealth.application.port.out.Anchors;
import com.anchorhealth.application.port.out.Appeals;
import com.anchorhealth.application.port.out.ChangeCause;
import com.anchorhealth.application.port.out.DomainMetrics;
import com.anchorhealth.application.port.out.Ledger;
import com.anchorhealth.application.port.out.Violations;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.standing.StandingReader;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.application.write.LedgerWrites;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.appeal.AppealDecision;
import com.anchorhealth.domain.appeal.AppealRefusedException;
import com.anchorhealth.domain.appeal.AppealState;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Appeals: an anchor files one per violation within the window; the back office upholds or
 * overturns it. An overturn excludes the violation from the score (replayed), gives back the points
 * it cost the guild, and writes the ledger entry, the new projection and the standing change in the
 * decision's transaction.
 */
@Singleton
public final class AppealViolations {
    static final String FILE = "FileAppeal";
    static final String DECIDE = "DecideAppeal";

    private final DomainMetrics metrics;
    private final Anchors anchors;
    private final Violations violations;
    private final Appeals appeals;
    private final Ledger ledger;
    private final IdempotentWrites writes;
    private final LedgerWrites ledgerWrites;
    private final GuildPenalties penalties;
    private final PolicyBook policies;
    private final StandingReader standings;
    private final Clock clock;

    @Inject
    public AppealViolations(Anchors anchors, Violations violations, Appeals appeals,
                            Ledger ledger, IdempotentWrites writes, LedgerWrites ledgerWrites,
                            GuildPenalties penalties, PolicyBook policies, StandingReader standings,
                            DomainMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.anchors = anchors;
        this.violations = violations;
        this.appeals = appeals;
        this.ledger = ledger;
        this.writes = writes;
        this.ledgerWrites = ledgerWrites;
        this.penalties = penalties;
        this.policies = policies;
        this.standings = standings;
        this.clock = clock;
    }

    public AppealView file(AppealCommands.File command, String actor) {
        String name = AnchorNames.appeal(command.anchorId(), command.violationId());
        return underAnchorLock(command.requestId(), FILE, command.fingerprint(), command.anchorId(),
                command.violationId(), actor, () -> {
                    RecordedViolation violation = violations.find(command.anchorId(), command.violationId())
                            .orElseThrow(() -> new NotFoundException("Violation",
                                    AnchorNames.violation(command.anchorId(), command.violationId())));
                    Instant now = clock.instant();
                    Appeal filed = refusedAsPrecondition(name, () -> Appeal.file(violation,
                            appeals.find(command.anchorId(), command.violationId()), policies.inForceAt(now),
                            command.statement(), now, actor));
                    appeals.insert(filed);
                    return filed;
                }).result();
    }

    public AppealView decide(AppealCommands.Decide command, String actor) {
        String name = AnchorNames.appeal(command.anchorId(), command.violationId());
        IdempotentWrites.Outcome<AppealView> decision = underAnchorLock(command.requestId(), DECIDE,
                command.fingerprint(), command.anchorId(), command.violationId(), actor, () -> {
                    Appeal pending = appeals.find(command.anchorId(), command.violationId())
                            .orElseThrow(() -> new NotFoundException("Appeal", name));
                    Instant now = clock.instant();
                    Appeal decided = refusedAsPrecondition(name,
                            () -> pending.decide(command.decision(), command.note(), now, actor));
                    appeals.updateDecision(decided);
                    if (command.decision() == AppealDecision.OVERTURN) {
                        overturn(decided.violation(), now, actor);
                    }
                    return decided;
                });
        if (decision.firstTime()) {
            metrics.appealDecided(command.decision());
            if (decision.result().appeal().state() == AppealState.OVERTURNED) {
                ledgerWrites.publish(anchors.find(command.anchorId()).orElseThrow().anchor());
            }
        }
        return decision.result();
    }

    /**
     * The violation leaves the score (a RESTORATION entry takes it to the replay without it) and every
     * fact it held up: selling, its live session, the last violation time.
     */
    private void overturn(RecordedViolation violation, Instant now, String actor) {
        AnchorId anchorId = violation.anchorId();
        Anchor before = anchors.find(anchorId).orElseThrow().anchor(); // locked by the caller
        violations.updateState(anchorId, violation.violationId(), ViolationState.OVERTURNED);
        List<RecordedViolation> all = violations.listAll(anchorId);
        Set<String> overturned = all.stream().filter(v -> v.state() == ViolationState.OVERTURNED)
                .map(RecordedViolation::violationId).collect(Collectors.toSet());
        Optional<Instant> lastCounted = StandingFacts.of(0, before.score().initialScore(), all).lastViolationAt();
        AnchorScore.Appended restored = before.score().restore(ledger.ledgerOf(anchorId), overturned,
                violation.violationId(), lastCounted, now, actor);
        Anchor after = before.withFactsOf(restored.after(), all);
        ledgerWrites.append(before, restored.entry(), after, now, ChangeCause.APPEAL_OVERTURNED,
                Optional.of(violation.violationId()));
        penalties.restoreMember(violation, now, actor);
    }

    /**
     * Runs a mutating appeal step once, under the anchor's lock; a retry answers with the appeal and
     * the standing the step left.
     */
    private IdempotentWrites.Outcome<AppealView> underAnchorLock(String requestId, String operation,
                                                                 String fingerprint, AnchorId anchorId,
                                                                 String violationId, String actor,
                                                                 Supplier<Appeal> step) {
        return writes.writeAndTell(new IdempotentWrites.Call(actor, operation, requestId, fingerprint),
                AppealView.class, () -> {
            anchors.lock(anchorId).orElseThrow(() -> new NotFoundException("Anchor", AnchorNames.anchor(anchorId)));
            return new IdempotentWrites.Done<>(view(step.get()), AnchorNames.appeal(anchorId, violationId));
        }, name -> view(appeals.find(anchorId, violationId).orElseThrow()));
    }

    private static Appeal refusedAsPrecondition(String name, Supplier<Appeal> rule) {
        try {
            return rule.get();
        } catch (AppealRefusedException e) {
            throw new FailedPreconditionException(e.type(), name, e.getMessage());
        }
    }

    private AppealView view(Appeal appeal) {
        AnchorRecord record = anchors.find(appeal.violation().anchorId()).orElseThrow();
        return new AppealView(appeal, standings.current(record, clock.instant()));
    }
}
