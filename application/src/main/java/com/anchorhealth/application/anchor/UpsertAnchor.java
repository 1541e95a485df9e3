package com.anchorhealth.application.anchor;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Caller;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.FieldChecks;
import com.anchorhealth.application.guild.ManageGuilds;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.guild.Guilds;
import com.anchorhealth.application.standing.StandingReader;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.application.write.LedgerWrites;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.ProfileUpdate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Registers an anchor at its initial score (opening its ledger), or updates the profile of a known
 * one without touching its score: only the fields the command writes change, so nothing is cleared
 * by omission. A retry of the same request answers as the first call did.
 * Joining a removed guild is refused, as by AddGuildMember; a guild id not (yet) registered is
 * accepted, so platforms can name guilds before creating them here.
 */
@Singleton
public final class UpsertAnchor {
    static final String OPERATION = "UpsertAnchor";

    private final Anchors anchors;
    private final Guilds guilds;
    private final IdempotentWrites writes;
    private final LedgerWrites ledgerWrites;
    private final StandingReader standings;
    private final Clock clock;

    @Inject
    public UpsertAnchor(Anchors anchors, Guilds guilds, IdempotentWrites writes, LedgerWrites ledgerWrites,
                        StandingReader standings, Clock clock) {
        this.anchors = anchors;
        this.guilds = guilds;
        this.writes = writes;
        this.ledgerWrites = ledgerWrites;
        this.standings = standings;
        this.clock = clock;
    }

    public AnchorView upsert(UpsertAnchorCommand command, Caller caller, Deadline deadline) {
        String actor = caller.actor();
        ProfileUpdate update = command.update();
        AnchorId anchorId = update.anchorId();
        String fingerprint = command.fingerprint();
        IdempotentWrites.Call call = new IdempotentWrites.Call(actor, OPERATION, command.requestId(), fingerprint,
                command.earlierFingerprints());
        IdempotentWrites.Outcome<AnchorView> outcome = writes.writeAndTell(call, deadline, AnchorView.class,
                () -> anchors.lock(anchorId), existing -> {
            Instant now = clock.instant();
            AnchorProfile profile = existing.map(found -> update.appliedTo(found.profile()))
                    .orElseGet(() -> registration(update));
            changeMembership(caller, existing, anchorId, profile.guildId(), now);
            AnchorRecord record = existing
                    .map(found -> update(found, profile, now))
                    .orElseGet(() -> ledgerWrites.open(profile, now, actor));
            return new IdempotentWrites.Done<>(new AnchorView(record, standings.current(record, now)),
                    AnchorNames.anchor(anchorId));
        }, resourceName -> {
            AnchorRecord now = anchors.find(anchorId).orElseThrow();
            return new AnchorView(now, standings.current(now, clock.instant()));
        });
        AnchorRecord stored = outcome.result().record();
        if (outcome.firstTime() && stored.score().ledgerSequence() == 1) {
            ledgerWrites.publish(stored.anchor());
        }
        return outcome.result();
    }

    /** A new anchor needs the fields a registration requires among those the call writes. */
    private static AnchorProfile registration(ProfileUpdate update) {
        FieldChecks checks = new FieldChecks();
        AnchorProfile profile = checks.build("anchor.", update::registration);
        checks.throwIfAny();
        return profile;
    }

    /**
     * A change of guild follows the guild calls' rules: within the caller's guilds, into a guild only
     * from no guild, never into a removed guild; a scoped caller finds no anchor of another guild. The
     * move is an entry in the ledger of the guild the anchor leaves or joins (one or the other: it joins
     * only from no guild); a registration in a guild is its joining.
     */
    private void changeMembership(Caller caller, Optional<AnchorRecord> existing, AnchorId anchorId,
                                  Optional<String> after, Instant now) {
        Optional<String> before = existing.flatMap(found -> found.profile().guildId());
        if (before.isPresent() && !caller.scope().seesGuild(before.get()) && (after.isEmpty() || after.equals(before))) {
            throw ScopeChecks.anchorNotFound(anchorId);
        }
        if (after.equals(before)) {
            return;
        }
        boolean joins = after.isPresent();
        if (joins) {
            ScopeChecks.requireGuild(caller.scope(), after.get());
            existing.ifPresent(found -> ManageGuilds.refuseIfInAnotherGuild(found.profile(), after.get()));
        }
        // Locked after the anchor (the order every writer keeps), so that a removal committing meanwhile is seen.
        guilds.lock(joins ? after.get() : before.get()).ifPresent(guild -> {
            if (joins) {
                ManageGuilds.refuseIfRemoved(guild);
            }
            ManageGuilds.logMembership(guilds, guild, anchorId, joins, now, caller.actor());
        });
    }

    private AnchorRecord update(AnchorRecord existing, AnchorProfile profile, Instant now) {
        anchors.updateProfile(profile, now);
        return new AnchorRecord(existing.anchor().withProfile(profile), existing.createdAt(), now);
    }
}
