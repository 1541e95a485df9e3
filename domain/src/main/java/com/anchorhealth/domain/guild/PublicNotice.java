package com.anchorhealth.domain.guild;

import java.time.Instant;
import java.util.Objects;

/** A public announcement, such as the removal of a guild. */
public record PublicNotice(String noticeId, String kind, String subject, int score, Instant publishedAt,
                           String reason) {
    public static final String GUILD_REMOVED = "GUILD_REMOVED";

    public PublicNotice {
        Objects.requireNonNull(noticeId, "noticeId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(publishedAt, "publishedAt");
        Objects.requireNonNull(reason, "reason");
    }
}
