package com.anchorhealth.application.guild;

import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.port.out.Anchors;
import com.anchorhealth.application.port.out.DomainMetrics;
import com.anchorhealth.application.port.out.Guilds;
import com.anchorhealth.application.port.out.PublicNotices;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.application.write.ReportedTimes;
import com.anchorhealth.domain.guild.Guild;
import com.anchorhealth.domain.guild.GuildEvent;
import com.anchorhealth.domain.guild.GuildEventKind;
import com.anchorhealth.domain.guild.GuildRules;
import com.anchorhealth.domain.guild.PublicNotice;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A guild's own violation: 2/5/10/20 points by severity (policy); at or below 50 the guild is
 * removed in the same transaction, its members released and a public notice published.
 */
@Singleton
public final class RecordGuildViolation {
    static final String OPERATION = "RecordGuildViolation";

    private final DomainMetrics metrics;
    private final Guilds guilds;
    private final Anchors anchors;
    private final PublicNotices notices;
    private final IdempotentWrites writes;
    private final GuildPenalties penalties;
    private final PolicyBook policies;
    private final Clock clock;

    @Inject
    public RecordGuildViolation(Guilds guilds, Anchors anchors, PublicNotices notices,
                                IdempotentWrites writes, GuildPenalties penalties, PolicyBook policies,
                                DomainMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.guilds = guilds;
        this.anchors = anchors;
        this.notices = notices;
        this.writes = writes;
        this.penalties = penalties;
        this.policies = policies;
        this.clock = clock;
    }

    /** The guild after it, the points deducted, and the notice when it removed the guild. */
    public record Result(GuildView guild, int points, boolean removed, Optional<PublicNotice> notice) {
    }

    public Result record(GuildCommands.Violation command, String actor) {
        IdempotentWrites.Call call = new IdempotentWrites.Call(actor, OPERATION, command.requestId(),
                command.fingerprint());
        IdempotentWrites.Outcome<Result> outcome = writes.writeAndTell(call, Result.class, () -> {
            Guild guild = guilds.lock(command.guildId()).orElseThrow(() ->
                    new NotFoundException("Guild", ManageGuilds.name(command.guildId())));
            Instant now = clock.instant();
            // Checked, not stored: the guild's ledger entry carries the time it was recorded.
            ReportedTimes.occurredAt(command.occurredAt(), now, "occurred_at");
            GuildRules rules = policies.inForceAt(now).guildRules();
            Guild.Deducted deducted = penalties.deduct(guild, rules.ownPoints(command.severity()),
                    GuildEventKind.OWN_VIOLATION, Optional.empty(), Optional.empty(), command.description(), rules,
                    now, actor);
            return new IdempotentWrites.Done<>(resultOf(deducted.event()),
                    ManageGuilds.eventName(command.guildId(), deducted.event().sequence()));
        }, name -> resultOf(guilds.event(command.guildId(), Integer.parseInt(name.substring(name.lastIndexOf('/') + 1)))
                .orElseThrow()));
        if (outcome.result().removed() && outcome.firstTime()) {
            metrics.guildRemoved();
        }
        return outcome.result();
    }

    /** The guild as it stands after the event, and the notice when the event removed it. */
    private Result resultOf(GuildEvent event) {
        Guild guild = guilds.find(event.guildId()).orElseThrow();
        boolean removedByThis = guild.removedAt().equals(Optional.of(event.recordedAt()));
        return new Result(GuildView.of(guild, anchors), -event.delta(), removedByThis,
                removedByThis ? notices.findBySubject(ManageGuilds.name(guild.guildId())) : Optional.empty());
    }
}
