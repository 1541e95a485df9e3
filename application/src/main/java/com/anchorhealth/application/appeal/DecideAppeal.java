package com.anchorhealth.application.appeal;

import com.anchorhealth.application.call.Caller;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.error.PermissionDeniedException;
import com.anchorhealth.application.port.out.DomainMetrics;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.appeal.Appeals;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.appeal.AppealDecision;
import com.anchorhealth.domain.appeal.AppealState;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The back office upholds or overturns a pending appeal. An overturn excludes the violation from the
 * score (replayed), gives back the points it cost the guild, and writes the ledger entry, the new
 * projection and the standing change in the decision's transaction.
 */
@Singleton
public final class DecideAppeal {
    /** The reasons a caller may not decide an appeal (a conflict of interest), machine-readable. */
    public static final String DECIDER_FILED_IT = "DECIDER_FILED_IT";
    public static final String DECIDER_MANAGES_GUILD = "DECIDER_MANAGES_GUILD";
    static final String OPERATION = "DecideAppeal";

    private final AppealWrites appealWrites;
    private final Appeals appeals;
    private final OverturnWriter overturns;
    private final DomainMetrics metrics;
    private final Clock clock;

    @Inject
    DecideAppeal(AppealWrites appealWrites, Appeals appeals, OverturnWriter overturns, DomainMetrics metrics,
                 Clock clock) {
        this.appealWrites = appealWrites;
        this.appeals = appeals;
        this.overturns = overturns;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** Nobody decides an appeal they filed, nor one of an anchor of a guild they manage (DESIGN §11). */
    public AppealView decide(AppealCommands.Decide command, Caller caller, Deadline deadline) {
        String name = AnchorNames.appeal(command.anchorId(), command.violationId());
        String actor = caller.actor();
        IdempotentWrites.Outcome<AppealView> decision = appealWrites.underAnchorLock(command.requestId(), OPERATION,
                command.fingerprint(), command.anchorId(), command.violationId(), caller, deadline, locked -> {
                    Appeal pending = appeals.find(command.anchorId(), command.violationId())
                            .orElseThrow(() -> new NotFoundException("Appeal", name));
                    refuseConflictOfInterest(caller, locked, pending, name);
                    Instant now = clock.instant();
                    Appeal decided = AppealWrites.refusedAsPrecondition(name,
                            () -> pending.decide(command.decision(), command.note(), now, actor));
                    appeals.updateDecision(decided);
                    if (command.decision() == AppealDecision.OVERTURN) {
                        overturns.write(locked.anchor(), decided.violation(), now, actor);
                    }
                    return decided;
                });
        if (decision.firstTime()) {
            metrics.appealDecided(command.decision());
            if (decision.result().appeal().state() == AppealState.OVERTURNED) {
                overturns.publish(command.anchorId());
            }
        }
        return decision.result();
    }

    private static void refuseConflictOfInterest(Caller caller, AnchorRecord anchor, Appeal appeal, String name) {
        if (caller.identified() && appeal.filedBy().equals(caller.actor())) {
            throw new PermissionDeniedException(DECIDER_FILED_IT, caller.actor() + " filed " + name
                    + " and may not decide it: another moderator decides");
        }
        Optional<String> guild = anchor.profile().guildId();
        if (guild.isPresent() && caller.managedGuilds().contains(guild.get())) {
            throw new PermissionDeniedException(DECIDER_MANAGES_GUILD, caller.actor() + " manages guild " + guild.get()
                    + ", the guild of the anchor of " + name + ", and may not decide it: another moderator decides",
                    Map.of("guild", guild.get()));
        }
    }
}
