package com.anchorhealth.application.guild;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Caller;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.AlreadyExistsException;
import com.anchorhealth.application.error.FailedPreconditionException;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.list.CountedPage;
import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.guild.GuildFilter;
import com.anchorhealth.application.port.out.guild.Guilds;
import com.anchorhealth.application.port.out.guild.MemberAtRemoval;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.write.Applied;
import com.anchorhealth.application.write.GroupCommit;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.application.write.KeyedChange;
import com.anchorhealth.application.write.WriteTerms;
import com.anchorhealth.domain.guild.Guild;
import com.anchorhealth.domain.guild.GuildStatus;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Guild administration for the back office: create, read, list, and add or remove members. */
@Singleton
public final class ManageGuilds {
    /** The reasons of this use case's refusals, machine-readable. */
    public static final String ANCHOR_IN_ANOTHER_GUILD = "ANCHOR_IN_ANOTHER_GUILD";
    public static final String GUILD_REMOVED = "GUILD_REMOVED";
    public static final String NOT_A_MEMBER = "NOT_A_MEMBER";
    public static final String GUILD_EXISTS = "GUILD_EXISTS";

    private final Guilds guilds;
    private final Anchors anchors;
    private final IdempotentWrites writes;
    private final GroupCommit anchorWrites;
    private final PolicyBook policies;
    private final Clock clock;

    @Inject
    public ManageGuilds(Guilds guilds, Anchors anchors, IdempotentWrites writes, GroupCommit anchorWrites,
                        PolicyBook policies, Clock clock) {
        this.guilds = guilds;
        this.anchors = anchors;
        this.writes = writes;
        this.anchorWrites = anchorWrites;
        this.policies = policies;
        this.clock = clock;
    }

    /** An entry of the guild's ledger, by its sequence. */
    public static String eventName(String guildId, int sequence) {
        return AnchorNames.guild(guildId) + "/events/" + sequence;
    }

    /** A removed guild takes no members, whichever call would add them. */
    public static void refuseIfRemoved(Guild guild) {
        refuseIfRemoved(guild, "members");
    }

    /** Every change of membership is an entry of the guild's ledger, with its actor; {@code locked} is held. */
    public static void logMembership(Guilds guilds, Guild locked, AnchorId anchorId, boolean joined, Instant now,
                                     String actor) {
        Guild.Logged logged = locked.membership(anchorId, joined, now, actor);
        guilds.update(logged.guild());
        guilds.appendEvent(logged.event());
    }

    /**
     * An anchor of one guild joins another only once released (DESIGN §11): a guild must not take a
     * rival's anchors by adding them.
     */
    public static void refuseIfInAnotherGuild(AnchorProfile profile, String guildId) {
        Optional<String> current = profile.guildId();
        if (current.isPresent() && !current.get().equals(guildId)) {
            throw new FailedPreconditionException(ANCHOR_IN_ANOTHER_GUILD, AnchorNames.anchor(profile.anchorId()),
                    profile.anchorId().value() + " belongs to guild " + current.get()
                            + ": that guild or a moderator releases it first", Map.of("guild", current.get()));
        }
    }

    /** A removed guild takes no more of {@code what}: its removal is final. */
    static void refuseIfRemoved(Guild guild, String what) {
        if (guild.status() == GuildStatus.REMOVED) {
            throw new FailedPreconditionException(GUILD_REMOVED, AnchorNames.guild(guild.guildId()),
                    "guild " + guild.guildId() + " was removed; it takes no " + what);
        }
    }

    /**
     * There is no row to lock yet: the guild is read instead, before the key. A guild and its
     * creator's key commit together, so a retry that sees the guild sees its key too; one that sees
     * neither conflicts on the guild's insert and runs again.
     */
    public GuildView create(GuildCommands.Create command, String actor, Deadline deadline) {
        IdempotentWrites.Call call = new IdempotentWrites.Call(actor, "CreateGuild", command.requestId(),
                command.fingerprint());
        return writes.write(call, deadline, GuildView.class, () -> guilds.find(command.guildId()), existing -> {
            Instant now = clock.instant();
            if (existing.isPresent()) {
                throw new AlreadyExistsException(GUILD_EXISTS, AnchorNames.guild(command.guildId()),
                        "guild " + command.guildId() + " already exists");
            }
            Guild.Created created = Guild.create(command.guildId(), command.displayName(),
                    policies.inForceAt(now).guildRules(), now, actor);
            guilds.insert(created.guild());
            guilds.appendEvent(created.opening());
            return new IdempotentWrites.Done<>(GuildView.of(created.guild(), anchors), AnchorNames.guild(command.guildId()));
        }, name -> get(command.guildId()));
    }

    public GuildView get(Scope scope, String guildId) {
        ScopeChecks.requireGuild(scope, guildId);
        return get(guildId);
    }

    private GuildView get(String guildId) {
        Guild guild = guilds.find(guildId).orElseThrow(() -> new NotFoundException("Guild", AnchorNames.guild(guildId)));
        return GuildView.of(guild, anchors);
    }

    /**
     * A page of the members a removed guild had at its removal (released then, so no longer its
     * members), in id order, with the name and score each had; none for an active guild.
     */
    public Page<MemberAtRemoval> membersAtRemoval(Scope scope, String guildId, PageRequest page) {
        ScopeChecks.requireGuild(scope, guildId);
        return guilds.membersAtRemoval(guildId, page);
    }

    /** The guilds the scope sees, by status and score. */
    public Page<GuildView> list(Scope scope, Optional<GuildStatus> status, int minScore, int maxScore,
                                PageRequest page) {
        return list(new GuildFilter(status, minScore, maxScore, scope.guilds()), page);
    }

    /**
     * A page of the guilds the scope sees, lined up with the pages from the start, with how many guilds
     * the filter holds and how many of them come before the page.
     */
    public CountedPage<GuildView> counted(Scope scope, Optional<GuildStatus> status, int minScore, int maxScore,
                                          PageRequest page) {
        GuildFilter filter = new GuildFilter(status, minScore, maxScore, scope.guilds());
        Page<GuildView> found = page.readAlignedToStart(request -> list(filter, request));
        ListCount count = guilds.count(filter, found.previousBefore());
        return new CountedPage<>(found, count.total(), count.before());
    }

    private Page<GuildView> list(GuildFilter filter, PageRequest page) {
        Page<Guild> found = guilds.list(filter, page);
        Map<String, Long> members = anchors.membersOf(found.items().stream().map(Guild::guildId).toList());
        return found.map(guild -> new GuildView(guild, members.getOrDefault(guild.guildId(), 0L)));
    }

    /**
     * Joins or leaves, within the caller's guilds, through the one writer of anchor changes (which
     * locks the anchor, then the guild: a removal committing meanwhile is seen, so a removed guild
     * never gains a member). An anchor joins only from no guild (one of another guild must be released
     * first) and never a removed guild; only a member leaves, and a scoped caller sees no anchor
     * outside its guilds but those of no guild. Answers with the guild, once committed.
     */
    public CompletableFuture<GuildView> changeMembership(GuildCommands.Membership command, Caller caller,
                                                         Deadline deadline) {
        ScopeChecks.requireGuild(caller.scope(), command.guildId());
        return anchorWrites.submit(new MembershipChange(command, caller), deadline);
    }

    private final class MembershipChange extends KeyedChange<GuildView> {
        private final GuildCommands.Membership command;
        private final Caller caller;

        MembershipChange(GuildCommands.Membership command, Caller caller) {
            super(new AnchorId(command.anchorId()), new IdempotentWrites.Call(caller.actor(),
                    command.join() ? "AddGuildMember" : "RemoveGuildMember", command.requestId(),
                    command.fingerprint()), GuildView.class);
            this.command = command;
            this.caller = caller;
        }

        @Override
        public Set<String> guildsToLock(Optional<AnchorRecord> anchor, WriteTerms terms) {
            return Set.of(command.guildId());
        }

        @Override
        public Applied<GuildView> apply(Optional<AnchorRecord> found, WriteTerms terms) {
            AnchorRecord anchor = found.filter(record -> command.join() || ScopeChecks.sees(caller.scope(), record))
                    .orElseThrow(() -> ScopeChecks.anchorNotFound(anchorId()));
            Guild guild = guilds.lock(command.guildId())
                    .orElseThrow(() -> new NotFoundException("Guild", AnchorNames.guild(command.guildId())));
            AnchorProfile profile = anchor.profile();
            Optional<String> membership;
            if (command.join()) {
                refuseIfRemoved(guild);
                refuseIfInAnotherGuild(profile, command.guildId());
                membership = Optional.of(command.guildId());
            } else {
                if (!profile.guildId().equals(Optional.of(command.guildId()))) {
                    throw new FailedPreconditionException(NOT_A_MEMBER, AnchorNames.anchor(anchorId()),
                            command.anchorId() + " is not a member of guild " + command.guildId(),
                            Map.of("guild", command.guildId()));
                }
                membership = Optional.empty();
            }
            String name = AnchorNames.guild(command.guildId());
            if (membership.equals(profile.guildId())) {
                return Applied.answering(get(command.guildId()), name);
            }
            AnchorProfile moved = new AnchorProfile(anchorId(), profile.displayName(), profile.certification(),
                    profile.level(), profile.fanCount(), profile.averageViewers(), membership);
            anchors.updateProfile(moved, terms.now());
            logMembership(guilds, guild, anchorId(), command.join(), terms.now(), caller.actor());
            return Applied.ofAnchor(get(command.guildId()), name, Optional.empty(), anchor.anchor().withProfile(moved),
                    Optional.empty());
        }

        @Override
        protected GuildView keptWithoutResponse(String resourceName) {
            return get(command.guildId());
        }
    }
}
