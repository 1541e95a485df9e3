package com.anchorhealth.domain.guild;

import com.anchorhealth.domain.vocabulary.AnchorId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry of a guild's ledger; a member's violation names the anchor and the violation, so that
 * an overturn can give the points back. {@code actor} is who caused it (empty only for entries stored
 * before guild entries kept their actor).
 */
public record GuildEvent(String guildId, int sequence, GuildEventKind kind, int delta, int scoreAfter,
                         Optional<AnchorId> anchorId, Optional<String> violationId, String description,
                         Instant recordedAt, String actor) {
    public GuildEvent {
        Objects.requireNonNull(guildId, "guildId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(anchorId, "anchorId");
        Objects.requireNonNull(violationId, "violationId");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(recordedAt, "recordedAt");
        Objects.requireNonNull(actor, "actor");
    }
}
