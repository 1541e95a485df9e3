package com.anchorhealth.application.violation;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.port.out.IdGenerator;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.application.write.ReportedTimes;
import com.anchorhealth.application.write.StandingChanges;
import com.anchorhealth.application.write.WriteTerms;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.ViolationType;
import com.anchorhealth.domain.violation.ViolationReport;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/**
 * Prices a new violation against its anchor under the policy in force when its group is written, with
 * the standing change it makes.
 */
@Singleton
final class ViolationPricing {
    private final IdGenerator ids;
    private final StandingChanges standingChanges;

    @Inject
    ViolationPricing(IdGenerator ids, StandingChanges standingChanges) {
        this.ids = ids;
        this.standingChanges = standingChanges;
    }

    /** What one new violation does: the aggregate's change, its standing change (none when no check changes), the answer. */
    record Priced(Anchor.ViolationChange change, Optional<StandingChange> standingChange, ViolationView view) {
    }

    /** The request's violation, priced by {@code anchor} against the facts on its row; a bad request is refused. */
    Priced price(Anchor anchor, ViolationWrite request, WriteTerms terms) {
        RecordViolationCommand command = request.command();
        Anchor.ViolationChange change = anchor.recordViolation(report(command, terms.now()),
                typeOf(command, terms.policy()), terms.policy(), ids.newId(), command.requestId(), terms.now(),
                request.actor());
        return new Priced(change, standingChanges.changeOf(change, terms.now()),
                new ViolationView(change.violation(), change.standingAfter()));
    }

    /** Whether the request's violation, once counted, costs its anchor's guild points: its guild's row is locked first. */
    static boolean mayChargeGuild(RecordViolationCommand command, WriteTerms terms) {
        return terms.policy().violationType(command.violationType())
                .map(type -> terms.policy().guildRules().memberPoints(type.severity()) > 0).orElse(false);
    }

    private static ViolationReport report(RecordViolationCommand command, Instant now) {
        Instant occurredAt = ReportedTimes.occurredAt(command.occurredAt(), now, "occurred_at");
        return new ViolationReport(command.anchorId(), command.violationType(), occurredAt, command.liveSessionId(),
                command.source(), command.evidenceRefs());
    }

    private static ViolationType typeOf(RecordViolationCommand command, Policy policy) {
        return policy.violationType(command.violationType())
                .orElseThrow(() -> InvalidRequestException.of("violation_type", "unknown violation type "
                        + command.violationType() + "; the catalog of policy " + policy.version() + " has "
                        + String.join(", ", policy.violationTypeCodes())));
    }
}
