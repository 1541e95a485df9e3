package com.anchorhealth.application.guild;

import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.guild.Guilds;
import com.anchorhealth.application.port.out.guild.PublicNotices;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.domain.guild.Guild;
import com.anchorhealth.domain.guild.GuildEvent;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Optional;

/**
 * What a guild violation answers, read from the store: the guild as it stands after the event, and
 * the notice when the event removed it. The same read answers the first call and a retry whose key
 * was kept without its response.
 */
@Singleton
final class GuildEventResults {
    private final Guilds guilds;
    private final Anchors anchors;
    private final PublicNotices notices;

    @Inject
    GuildEventResults(Guilds guilds, Anchors anchors, PublicNotices notices) {
        this.guilds = guilds;
        this.anchors = anchors;
        this.notices = notices;
    }

    RecordGuildViolation.Result of(GuildEvent event) {
        Guild guild = guilds.find(event.guildId()).orElseThrow();
        boolean removedByThis = guild.removedAt().equals(Optional.of(event.recordedAt()));
        return new RecordGuildViolation.Result(GuildView.of(guild, anchors), -event.delta(), removedByThis,
                removedByThis ? notices.findBySubject(AnchorNames.guild(guild.guildId())) : Optional.empty());
    }

    /** {@code eventName} as {@link ManageGuilds#eventName} makes it. */
    RecordGuildViolation.Result ofEventNamed(String guildId, String eventName) {
        return of(guilds.event(guildId, Integer.parseInt(eventName.substring(eventName.lastIndexOf('/') + 1)))
                .orElseThrow());
    }
}
