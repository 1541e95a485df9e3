package com.anchorhealth.application.usecase;

import com.anchorhealth.domain.guild.Guild;

/** A guild as callers see it. */
public record GuildView(Guild guild, long memberCount) {
}
