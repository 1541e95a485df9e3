package com.anchorhealth.application.guild;

import com.anchorhealth.application.port.out.guild.GuildLedgerEntry;
import com.anchorhealth.application.port.out.guild.Guilds;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.domain.guild.PublicNotice;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds what a notice's reason says from what is stored beside it: a guild's removal from the guild's
 * ledger (the entry that removed it) and the policy in force when it was published, whose removal line
 * the charge was weighed against (a policy never takes effect in the past, so that stays so).
 */
@Singleton
public final class ExplainNotices {
    private static final String GUILD_SUBJECT = AnchorNames.guild("");

    private final Guilds guilds;
    private final PolicyBook policies;

    @Inject
    public ExplainNotices(Guilds guilds, PolicyBook policies) {
        this.guilds = guilds;
        this.policies = policies;
    }

    /**
     * The charge's member is named only where that anchor belongs to one of {@code namedMembersOf}
     * (empty: to any guild or none), as in a guild's ledger.
     */
    public ExplainedNotice explain(PublicNotice notice, Optional<Set<String>> namedMembersOf) {
        return removedGuild(notice).map(guildId -> explained(notice, guilds.removal(guildId, namedMembersOf)))
                .orElseGet(() -> new ExplainedNotice(notice, Optional.empty()));
    }

    /** {@link #explain(PublicNotice, Optional)} of a page of notices, their guilds' removals read at once. */
    public List<ExplainedNotice> explain(List<PublicNotice> notices, Optional<Set<String>> namedMembersOf) {
        Map<String, GuildLedgerEntry> removals = guilds.removals(notices.stream()
                .flatMap(notice -> removedGuild(notice).stream()).collect(Collectors.toSet()), namedMembersOf);
        return notices.stream().map(notice -> removedGuild(notice)
                        .map(guildId -> explained(notice, Optional.ofNullable(removals.get(guildId))))
                        .orElseGet(() -> new ExplainedNotice(notice, Optional.empty())))
                .toList();
    }

    /** The guild a removal notice names. */
    private static Optional<String> removedGuild(PublicNotice notice) {
        return notice.kind().equals(PublicNotice.GUILD_REMOVED) && notice.subject().startsWith(GUILD_SUBJECT)
                ? Optional.of(notice.subject().substring(GUILD_SUBJECT.length())) : Optional.empty();
    }

    private ExplainedNotice explained(PublicNotice notice, Optional<GuildLedgerEntry> charge) {
        int removalLine = policies.inForceAt(notice.publishedAt()).guildRules().removalAtOrBelow();
        return new ExplainedNotice(notice, charge.map(removal -> new ExplainedNotice.Removal(removalLine, removal)));
    }
}
