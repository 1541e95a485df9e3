package com.anchorhealth.application.appeal;

import com.anchorhealth.application.call.Caller;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.error.PermissionDeniedException;
import com.anchorhealth.application.port.out.DomainMetrics;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.appeal.Appeals;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.write.WriteTerms;
import com.anchorhealth.application.guild.GuildPenalties;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.appeal.AppealDecision;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * The back office upholds or overturns a pending appeal. An overturn excludes the violation from the
 * score (replayed) and gives back the points it cost the guild, in the decision's transaction: the
 * writer of anchor changes writes its ledger entry, the new projection and the standing change.
 */
@Singleton
public final class DecideAppeal {
    /** The reasons a caller may not decide an appeal (a conflict of interest), machine-readable. */
    public static final String DECIDER_FILED_IT = "DECIDER_FILED_IT";
    public static final String DECIDER_MANAGES_GUILD = "DECIDER_MANAGES_GUILD";
    static final String OPERATION = "DecideAppeal";

    private final AppealWrites appealWrites;
    private final Appeals appeals;
    private final OverturnWriter overturnWriter;
    private final GuildPenalties penalties;
    private final DomainMetrics metrics;

    @Inject
    DecideAppeal(AppealWrites appealWrites, Appeals appeals, OverturnWriter overturnWriter, GuildPenalties penalties,
                 DomainMetrics metrics) {
        this.appealWrites = appealWrites;
        this.appeals = appeals;
        this.overturnWriter = overturnWriter;
        this.penalties = penalties;
        this.metrics = metrics;
    }

    /** Nobody decides an appeal they filed, nor one of an anchor of a guild they manage (DESIGN §11). */
    public CompletableFuture<AppealView> decide(AppealCommands.Decide command, Caller caller, Deadline deadline) {
        String name = AnchorNames.appeal(command.anchorId(), command.violationId());
        boolean overturns = command.decision() == AppealDecision.OVERTURN;
        return appealWrites.submit(command, OPERATION, caller, deadline, new AppealWrites.Step() {
            @Override
            public AppealWrites.Stepped apply(AnchorRecord locked, WriteTerms terms) {
                Appeal pending = appeals.find(command.anchorId(), command.violationId())
                        .orElseThrow(() -> new NotFoundException("Appeal", name));
                refuseConflictOfInterest(caller, locked, pending, name);
                Appeal decided = AppealWrites.refusedAsPrecondition(name,
                        () -> pending.decide(command.decision(), command.note(), terms.now(), caller.actor()));
                appeals.updateDecision(decided);
                return new AppealWrites.Stepped(decided, overturns
                        ? Optional.of(overturnWriter.write(locked.anchor(), decided.violation(), terms, caller.actor()))
                        : Optional.empty());
            }

            @Override
            public Set<String> guilds(AnchorRecord locked) {
                return overturns ? penalties.guildsCharged(command.anchorId(), command.violationId()) : Set.of();
            }

            @Override
            public void committed() {
                metrics.appealDecided(command.decision());
            }
        });
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
