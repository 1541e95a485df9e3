package com.anchorhealth.application.violation;

import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.NewViolation;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.write.AnchorWrite;
import com.anchorhealth.application.write.Applied;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.application.write.KeptKeys;
import com.anchorhealth.application.write.WriteTerms;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * RecordViolation as a change to its anchor: priced by the anchor aggregate against the facts on its
 * row (its history is never read), charged to the anchor's guild when it counts; its key is the
 * violation itself, and a retry's answer is rebuilt from it. Made by {@link ViolationWrites}; the
 * idempotency key and fingerprint are derived once from the command, and a class, unlike a record,
 * lets no caller hand in a key of other content.
 */
public final class ViolationWrite implements AnchorWrite<ViolationView> {
    static final String OPERATION = "RecordViolation";

    private final RecordViolationCommand command;
    private final String actor;
    private final IdempotentWrites.Call call;
    private final ViolationWrites writes;

    ViolationWrite(RecordViolationCommand command, String actor, ViolationWrites writes) {
        this.command = command;
        this.actor = actor;
        this.call = new IdempotentWrites.Call(actor, OPERATION, command.requestId(), command.fingerprint());
        this.writes = writes;
    }

    public RecordViolationCommand command() {
        return command;
    }

    public String actor() {
        return actor;
    }

    @Override
    public AnchorId anchorId() {
        return command.anchorId();
    }

    @Override
    public Optional<IdempotentWrites.Call> call() {
        return Optional.of(call);
    }

    IdempotentWrites.Call key() {
        return call;
    }

    @Override
    public boolean keyIsItsViolation() {
        return true;
    }

    /** The anchor's guild, when the violation, once counted, costs it points. */
    @Override
    public Set<String> guildsToLock(Optional<AnchorRecord> anchor, WriteTerms terms) {
        return anchor.filter(found -> ViolationPricing.mayChargeGuild(command, terms))
                .flatMap(found -> found.profile().guildId()).map(Set::of).orElse(Set.of());
    }

    @Override
    public Applied<ViolationView> apply(Optional<AnchorRecord> anchor, WriteTerms terms) {
        AnchorRecord record = anchor.orElseThrow(() -> new NotFoundException("Anchor", AnchorNames.anchor(anchorId())));
        ViolationPricing.Priced priced = writes.pricing.price(record.anchor(), this, terms);
        Anchor.ViolationChange change = priced.change();
        RecordedViolation violation = change.violation();
        boolean guildRemoved = writes.penalties.chargeMember(record.profile().guildId(), violation,
                terms.policy().guildRules(), terms.now(), actor);
        // An anchor whose row and checks stay as they were (out of scope) is not written again.
        Optional<Anchor> after = change.entry().isPresent() || change.changesChecks()
                ? Optional.of(change.after()) : Optional.empty();
        return new Applied<>(priced.view(), AnchorNames.violation(violation.anchorId(), violation.violationId()),
                Optional.of(new NewViolation(violation, actor, call.fingerprint(), change.after().facts())),
                change.entry(), after, priced.standingChange(), () -> {
            writes.metrics.violationsRecorded(List.of(violation));
            if (guildRemoved) {
                writes.metrics.guildRemoved();
            }
        });
    }

    @Override
    public Optional<ViolationView> firstAnswer(KeptKeys kept) {
        return kept.violation(call.key()).map(first -> writes.retries.firstResponse(this, first));
    }
}
