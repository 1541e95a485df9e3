package com.anchorhealth.application.guild;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.port.out.Guilds;
import com.anchorhealth.application.port.out.Page;
import com.anchorhealth.application.port.out.PageRequest;
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
        ScopeChecks.requireGuild(scope, guildId);
        if (guilds.find(guildId).isEmpty()) {
            throw new NotFoundException("Guild", AnchorNames.guild(guildId));
        }
        return guilds.events(guildId, page);
    }
}
