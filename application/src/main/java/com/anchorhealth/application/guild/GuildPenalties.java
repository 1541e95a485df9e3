package com.anchorhealth.application.guild;

import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.port.out.IdGenerator;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.guild.Guilds;
import com.anchorhealth.application.port.out.guild.PublicNotices;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.domain.guild.Guild;
import com.anchorhealth.domain.guild.GuildEvent;
import com.anchorhealth.domain.guild.GuildEventKind;
import com.anchorhealth.domain.guild.GuildRules;
import com.anchorhealth.domain.guild.GuildStatus;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Severity;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Guild deductions and restorations inside the caller's transaction: the ledger entry, the new
 * score and, on removal, the release of every member (whom the guild keeps as its members at removal)
 * and the public notice. A guild's own violation
 * is priced by the policy in force when it is charged; a member's by the policy the caller priced
 * the member's violation with.
 */
@Singleton
public final class GuildPenalties {
    private final Guilds guilds;
    private final Anchors anchors;
    private final PublicNotices notices;
    private final IdGenerator ids;
    private final PolicyBook policies;

    @Inject
    public GuildPenalties(Guilds guilds, Anchors anchors, PublicNotices notices, IdGenerator ids, PolicyBook policies) {
        this.guilds = guilds;
        this.anchors = anchors;
        this.notices = notices;
        this.ids = ids;
        this.policies = policies;
    }

    /** The guild a call charges, locked; NOT_FOUND when there is none. */
    public Guild lockToCharge(String guildId) {
        return guilds.lock(guildId).orElseThrow(() -> new NotFoundException("Guild", AnchorNames.guild(guildId)));
    }

    /** A guild's own violation costs it the points of its severity under the policy in force at {@code now}. */
    public Guild.Deducted chargeOwnViolation(Guild locked, Severity severity, String description, Instant now,
                                             String actor) {
        GuildRules rules = policies.inForceAt(now).guildRules();
        return deduct(locked, rules.ownPoints(severity), GuildEventKind.OWN_VIOLATION, Optional.empty(),
                Optional.empty(), description, rules, now, actor);
    }

    private Guild.Deducted deduct(Guild locked, int points, GuildEventKind kind, Optional<AnchorId> anchorId,
                          Optional<String> violationId, String description, GuildRules rules, Instant now,
                          String actor) {
        Guild.Deducted deducted = locked.deduct(points, kind, anchorId, violationId, description, rules, ids.newId(),
                now, actor);
        guilds.appendEvent(deducted.event());
        guilds.update(deducted.guild());
        if (deducted.removedNow()) {
            guilds.keepMembersAtRemoval(locked.guildId());
            anchors.releaseGuild(locked.guildId());
            notices.publish(deducted.notice().orElseThrow());
        }
        return deducted;
    }

    /**
     * A member's counted violation costs its active guild the policy's member points, charged to the
     * actor who recorded it; true when that removed the guild.
     */
    public boolean chargeMember(Optional<String> guildId, RecordedViolation violation, GuildRules rules, Instant now,
                                String actor) {
        int points = rules.memberPoints(violation.severity());
        if (guildId.isEmpty() || points == 0 || !violation.counts()) {
            return false;
        }
        return guilds.lock(guildId.get()).filter(guild -> guild.status() == GuildStatus.ACTIVE).map(guild ->
                deduct(guild, points, GuildEventKind.MEMBER_VIOLATION, Optional.of(violation.anchorId()),
                        Optional.of(violation.violationId()), "member " + violation.anchorId() + ": "
                                + violation.report().violationType(), rules, now, actor).removedNow()).orElse(false);
    }

    /** The guilds a member's violation was charged to: an overturn gives their points back. */
    public Set<String> guildsCharged(AnchorId anchorId, String violationId) {
        return memberCharges(anchorId, violationId).stream().map(GuildEvent::guildId)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Gives back what an overturned violation cost any guild; a removed guild stays removed. */
    public void restoreMember(RecordedViolation violation, Instant now, String actor) {
        for (GuildEvent charge : memberCharges(violation.anchorId(), violation.violationId())) {
            guilds.lock(charge.guildId()).ifPresent(guild -> {
                Guild.Deducted restored = guild.restore(-charge.delta(), violation.anchorId(),
                        violation.violationId(), now, actor);
                guilds.appendEvent(restored.event());
                guilds.update(restored.guild());
            });
        }
    }

    private List<GuildEvent> memberCharges(AnchorId anchorId, String violationId) {
        return guilds.eventsOfViolation(anchorId, violationId).stream()
                .filter(event -> event.kind() == GuildEventKind.MEMBER_VIOLATION).toList();
    }
}
