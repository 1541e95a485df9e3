package com.anchorhealth.application.guild;

import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.domain.guild.Guild;

import java.util.List;

/** A guild as callers see it. */
public record GuildView(Guild guild, long memberCount) {
    public static GuildView of(Guild guild, Anchors anchors) {
        return new GuildView(guild, anchors.membersOf(List.of(guild.guildId())).getOrDefault(guild.guildId(), 0L));
    }
}
