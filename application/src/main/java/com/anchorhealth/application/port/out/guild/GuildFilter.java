package com.anchorhealth.application.port.out.guild;

import com.anchorhealth.domain.guild.GuildStatus;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which guilds to list: one status, or any, with scores within [minScore, maxScore], and when given
 * only these guilds.
 */
public record GuildFilter(Optional<GuildStatus> status, int minScore, int maxScore, Optional<Set<String>> guildIds) {
    public GuildFilter {
        Objects.requireNonNull(status, "status");
        guildIds = guildIds.map(Set::copyOf);
    }
}
