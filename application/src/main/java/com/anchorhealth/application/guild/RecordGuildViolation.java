package com.anchorhealth.application.guild;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.port.out.DomainMetrics;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.application.write.ReportedTimes;
import com.anchorhealth.domain.guild.Guild;
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

    private final IdempotentWrites writes;
    private final GuildPenalties penalties;
    private final GuildEventResults results;
    private final DomainMetrics metrics;
    private final Clock clock;

    @Inject
    RecordGuildViolation(IdempotentWrites writes, GuildPenalties penalties, GuildEventResults results,
                         DomainMetrics metrics, Clock clock) {
        this.writes = writes;
        this.penalties = penalties;
        this.results = results;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** The guild after it, the points deducted, and the notice when it removed the guild. */
    public record Result(GuildView guild, int points, boolean removed, Optional<PublicNotice> notice) {
    }

    public Result record(GuildCommands.Violation command, String actor, Deadline deadline) {
        IdempotentWrites.Call call = new IdempotentWrites.Call(actor, OPERATION, command.requestId(),
                command.fingerprint());
        IdempotentWrites.Outcome<Result> outcome = writes.writeAndTell(call, deadline, Result.class,
                () -> penalties.lockToCharge(command.guildId()), guild -> {
            Instant now = clock.instant();
            // Checked, not stored: the guild's ledger entry carries the time it was recorded.
            ReportedTimes.occurredAt(command.occurredAt(), now, "occurred_at");
            ManageGuilds.refuseIfRemoved(guild, "more violations");
            Guild.Deducted deducted = penalties.chargeOwnViolation(guild, command.severity(), command.description(),
                    now, actor);
            return new IdempotentWrites.Done<>(results.of(deducted.event()),
                    ManageGuilds.eventName(command.guildId(), deducted.event().sequence()));
        }, name -> results.ofEventNamed(command.guildId(), name));
        if (outcome.result().removed() && outcome.firstTime()) {
            metrics.guildRemoved();
        }
        return outcome.result();
    }
}
