package com.anchorhealth.application.guild;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.guild.GuildLedgerEntry;
import com.anchorhealth.application.port.out.guild.Guilds;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.domain.guild.GuildEvent;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * A guild's audit trail: its ledger oldest first, in sequence order like an anchor's, each entry
 * with its kind, points, score after, cause, time and actor.
 */
@Singleton
public final class ListGuildEvents {
    private final Guilds guilds;

    @Inject
    public ListGuildEvents(Guilds guilds) {
        this.guilds = guilds;
    }

    public Page<GuildEvent> list(Scope scope, String guildId, PageRequest page) {
        requireGuild(scope, guildId);
        return guilds.events(guildId, page);
    }

    /**
     * The same page with what tells each cause in words (the console's): the member's name where the
     * scope sees that anchor now, and the type of its violation.
     */
    public Page<GuildLedgerEntry> ledger(Scope scope, String guildId, PageRequest page) {
        requireGuild(scope, guildId);
        return guilds.ledger(guildId, scope.guilds(), page);
    }

    private void requireGuild(Scope scope, String guildId) {
        ScopeChecks.requireGuild(scope, guildId);
        if (guilds.find(guildId).isEmpty()) {
            throw new NotFoundException("Guild", AnchorNames.guild(guildId));
        }
    }
}
