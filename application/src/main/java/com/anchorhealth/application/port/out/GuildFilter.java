package com.anchorhealth.application.port.out;

import com.anchorhealth.domain.guild.GuildStatus;

import java.util.Objects;
import java.util.Optional;

/** Which guilds to list: one status, or any, with scores within [minScore, maxScore]. */
public record GuildFilter(Optional<GuildStatus> status, int minScore, int maxScore) {
    public GuildFilter {
        Objects.requireNonNull(status, "status");
    }
}
