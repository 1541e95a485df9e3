package com.anchorhealth.application.guild;

import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.port.out.Anchors;
import com.anchorhealth.application.port.out.DomainMetrics;
import com.anchorhealth.application.port.out.Guilds;
import com.anchorhealth.application.port.out.IdGenerator;
import com.anchorhealth.application.port.out.IdempotencyKeys;
import com.anchorhealth.application.port.out.PublicNotices;
import com.anchorhealth.application.port.out.Transactions;
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
    private final Transactions transactions;
    private final Guilds guilds;
    private final Anchors anchors;
    private final PublicNotices notices;
    private final IdempotentWrites writes;
    private final GuildPenalties penalties;
    private final PolicyBook policies;
    private final Clock clock;

    @Inject
    public RecordGuildViolation(Transactions transactions, Guilds guilds, Anchors anchors, PublicNotices notices,
                                IdempotencyKeys keys, IdGenerator ids, PolicyBook policies, DomainMetrics metrics,
                                Clock clock) {
        this.metrics = metrics;
        this.transactions = transactions;
        this.guilds = guilds;
        this.anchors = anchors;
        this.notices = notices;
        this.writes = new IdempotentWrites(transactions, keys, clock);
        this.penalties = new GuildPenalties(guilds, anchors, notices, ids);
        this.policies = policies;
        this.clock = clock;
    }

    /** The guild after it, the points deducted, and the notice when it removed the guild. */
    public record Result(GuildView guild, int points, boolean removed, Optional<PublicNotice> notice) {
    }

    public Result record(GuildCommands.Violation command, String actor) {
        IdempotentWrites.Call call = new IdempotentWrites.Call(actor, OPERATION, command.requestId(),
                command.fingerprint());
        IdempotentWrites.Outcome<GuildEvent> outcome = writes.writeAndTell(call, () -> {
            Guild guild = guilds.lock(command.guildId()).orElseThrow(() ->
                    new NotFoundException("Guild", ManageGuilds.name(command.guildId())));
            Instant now = clock.instant();
            // Checked, not stored: the guild's ledger entry carries the time it was recorded.
            ReportedTimes.occurredAt(command.occurredAt(), now, "occurred_at");
            GuildRules rules = policies.inForceAt(now).guildRules();
            Guild.Deducted deducted = penalties.deduct(guild, rules.ownPoints(command.severity()),
                    GuildEventKind.OWN_VIOLATION, Optional.empty(), Optional.empty(), command.description(), rules,
                    now, actor);
            return new IdempotentWrites.Done<>(deducted.event(),
                    ManageGuilds.eventName(command.guildId(), deducted.event().sequence()));
        }, first -> guilds.event(command.guildId(), Integer.parseInt(first.substring(first.lastIndexOf('/') + 1)))
                .orElseThrow());
        GuildEvent event = outcome.result();
        Guild guild = guilds.find(command.guildId()).orElseThrow();
        boolean removedByThis = guild.removedAt().equals(Optional.of(event.recordedAt()));
        if (removedByThis && outcome.firstTime()) {
            metrics.guildRemoved();
        }
        return new Result(GuildView.of(guild, anchors), -event.delta(), removedByThis,
                removedByThis ? notices.findBySubject(ManageGuilds.name(guild.guildId())) : Optional.empty());
    }
}
