package com.anchorhealth.application.anchor;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Caller;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.FieldChecks;
import com.anchorhealth.application.guild.ManageGuilds;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.guild.Guilds;
import com.anchorhealth.application.standing.StandingReader;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.write.Applied;
import com.anchorhealth.application.write.GroupCommit;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.application.write.KeyedChange;
import com.anchorhealth.application.write.StandingChanges;
import com.anchorhealth.application.write.WriteTerms;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.ProfileUpdate;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

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

    private final GroupCommit writes;
    private final Anchors anchors;
    private final GetAnchor getAnchor;
    private final Guilds guilds;
    private final StandingChanges standingChanges;
    private final StandingReader standings;

    @Inject
    public UpsertAnchor(GroupCommit writes, Anchors anchors, GetAnchor getAnchor, Guilds guilds,
                        StandingChanges standingChanges, StandingReader standings) {
        this.writes = writes;
        this.anchors = anchors;
        this.guilds = guilds;
        this.standingChanges = standingChanges;
        this.standings = standings;
        this.getAnchor = getAnchor;
    }

    /** The anchor as the call left it, once committed. */
    public CompletableFuture<AnchorView> upsert(UpsertAnchorCommand command, Caller caller, Deadline deadline) {
        return writes.submit(new Upsert(command, caller), deadline);
    }

    private final class Upsert extends KeyedChange<AnchorView> {
        private final ProfileUpdate update;
        private final Caller caller;

        Upsert(UpsertAnchorCommand command, Caller caller) {
            super(command.update().anchorId(), new IdempotentWrites.Call(caller.actor(), OPERATION,
                    command.requestId(), command.fingerprint(), command.earlierFingerprints()), AnchorView.class);
            this.update = command.update();
            this.caller = caller;
        }

        /** The guild the anchor joins or leaves, whose ledger logs the move. */
        @Override
        public Set<String> guildsToLock(Optional<AnchorRecord> anchor, WriteTerms terms) {
            Optional<String> before = anchor.flatMap(found -> found.profile().guildId());
            Optional<String> after = update.membership().map(ProfileUpdate.Membership::guildId).orElse(before);
            return after.equals(before) ? Set.of() : after.or(() -> before).map(Set::of).orElse(Set.of());
        }

        @Override
        public Applied<AnchorView> apply(Optional<AnchorRecord> existing, WriteTerms terms) {
            Instant now = terms.now();
            AnchorProfile profile = existing.map(found -> update.appliedTo(found.profile()))
                    .orElseGet(() -> registration(update));
            changeMembership(caller, existing, anchorId(), profile.guildId(), now);
            String name = AnchorNames.anchor(anchorId());
            if (existing.isPresent()) {
                anchors.updateProfile(profile, now);
                AnchorRecord updated = new AnchorRecord(existing.get().anchor().withProfile(profile),
                        existing.get().createdAt(), now);
                // The anchor's new profile, for the changes after it in the group; its standing is unchanged.
                return Applied.ofAnchor(AnchorView.at(updated, standings, now), name, Optional.empty(),
                        updated.anchor(), Optional.empty());
            }
            Anchor.Registered registered = Anchor.register(profile, terms.policy(), now, caller.actor());
            AnchorRecord record = new AnchorRecord(registered.anchor(), now, now);
            anchors.insert(record);
            return Applied.ofAnchor(AnchorView.at(record, standings, now), name,
                    Optional.of(registered.initialEntry()), record.anchor(),
                    standingChanges.changeOf(Optional.empty(), record.anchor(), terms.policy(), now,
                            ChangeCause.ANCHOR_REGISTERED, Optional.empty()));
        }

        @Override
        protected AnchorView keptWithoutResponse(String resourceName) {
            return getAnchor.get(Scope.EVERY_GUILD, anchorId(), Optional.empty());
        }
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
        // Locked by the writer after the anchor (the order every writer keeps): a removal committed meanwhile is seen.
        guilds.lock(joins ? after.get() : before.get()).ifPresent(guild -> {
            if (joins) {
                ManageGuilds.refuseIfRemoved(guild);
            }
            ManageGuilds.logMembership(guilds, guild, anchorId, joins, now, caller.actor());
        });
    }

}
