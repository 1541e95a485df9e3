package com.anchorhealth.application.page;

import com.anchorhealth.application.anchor.AnchorView;
import com.anchorhealth.application.anchor.ListAnchors;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.guild.ExplainNotices;
import com.anchorhealth.application.guild.ExplainedNotice;
import com.anchorhealth.application.guild.GuildView;
import com.anchorhealth.application.guild.ManageGuilds;
import com.anchorhealth.application.list.CountedPage;
import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.AnchorOrder;
import com.anchorhealth.application.port.out.guild.GuildLedgerEntry;
import com.anchorhealth.application.port.out.guild.Guilds;
import com.anchorhealth.application.port.out.guild.MemberAtRemoval;
import com.anchorhealth.application.port.out.guild.PublicNotices;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.domain.guild.GuildStatus;
import com.anchorhealth.domain.vocabulary.Tier;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A guild's page in one read: the guild, a page of its members (by tier, in an order), the newest of
 * its ledger, and once it is removed, its public notice (with the facts that tell its reason) and the members it had at its removal (who
 * were released then, and so are no longer its members).
 */
@Singleton
public final class ReadGuildPage {
    private final ManageGuilds guilds;
    private final ListAnchors anchors;
    private final Guilds store;
    private final PublicNotices notices;
    private final ExplainNotices explanations;
    private final PolicyBook policies;
    private final Clock clock;

    @Inject
    public ReadGuildPage(ManageGuilds guilds, ListAnchors anchors, Guilds store, PublicNotices notices,
                         ExplainNotices explanations, PolicyBook policies, Clock clock) {
        this.guilds = guilds;
        this.anchors = anchors;
        this.store = store;
        this.notices = notices;
        this.explanations = explanations;
        this.policies = policies;
        this.clock = clock;
    }

    /**
     * Which members: of a tier, in an order, at a page (of an active guild's members; of a removed
     * guild's members at its removal, in id order, since it has no members left); and how many of the
     * newest ledger entries.
     */
    public record Query(String guildId, Optional<Tier> memberTier, AnchorOrder memberOrder, PageRequest members,
                        int historyEntries) {
        public Query {
            Objects.requireNonNull(guildId, "guildId");
            Objects.requireNonNull(memberTier, "memberTier");
            Objects.requireNonNull(memberOrder, "memberOrder");
            Objects.requireNonNull(members, "members");
        }
    }

    /**
     * {@code history}: the newest ledger entries, oldest first, each with what tells its cause in words
     * ({@link GuildLedgerEntry}); {@code removalLine}: the score at or below
     * which the policy in force removes a guild. An active guild's {@code membersAtRemoval} are none, a
     * removed guild's {@code members} too.
     */
    public record GuildPage(GuildView guild, CountedPage<AnchorView> members, CountedPage<MemberAtRemoval> membersAtRemoval,
                            Optional<ExplainedNotice> notice, List<GuildLedgerEntry> history, int removalLine) {
    }

    /** NOT_FOUND for a guild the scope does not see, as for one that does not exist. */
    public GuildPage read(Scope scope, Query query) {
        String guildId = query.guildId();
        GuildView guild = guilds.get(scope, guildId);
        boolean removed = guild.guild().status() == GuildStatus.REMOVED;
        CountedPage<AnchorView> members = removed ? CountedPage.empty() : anchors.counted(scope,
                new ListAnchors.Query(query.memberTier(), Optional.of(guildId), Integer.MIN_VALUE, Integer.MAX_VALUE,
                        Optional.empty(), query.memberOrder()), query.members());
        return new GuildPage(guild, members,
                removed ? membersAtRemoval(guildId, query.members()) : CountedPage.empty(),
                removed ? notices.findBySubject(AnchorNames.guild(guildId))
                        .map(notice -> explanations.explain(notice, scope.guilds())) : Optional.empty(),
                store.ledger(guildId, scope.guilds(), PageRequest.last(query.historyEntries())).items(),
                policies.inForceAt(clock.instant()).guildRules().removalAtOrBelow());
    }

    private CountedPage<MemberAtRemoval> membersAtRemoval(String guildId, PageRequest page) {
        Page<MemberAtRemoval> found = page.readAlignedToStart(request -> store.membersAtRemoval(guildId, request));
        ListCount count = store.countMembersAtRemoval(guildId, found.previousBefore());
        return new CountedPage<>(found, count.total(), count.before());
    }
}
