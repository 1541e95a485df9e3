package com.anchorhealth.domain.vocabulary;

import com.anchorhealth.domain.DomainException;

import java.util.Objects;
import java.util.Optional;

/** What the platform tells us about an anchor; the score is not part of it. */
public record AnchorProfile(
        AnchorId anchorId,
        String displayName,
        Certification certification,
        int level,
        long fanCount,
        long averageViewers,
        Optional<String> guildId) {

    public static final int MIN_LEVEL = 1;
    public static final int MAX_LEVEL = 4;
    public static final int MAX_DISPLAY_NAME_LENGTH = 200;

    public AnchorProfile {
        Objects.requireNonNull(anchorId, "anchorId");
        Objects.requireNonNull(certification, "certification");
        Objects.requireNonNull(guildId, "guildId");
        if (displayName == null || displayName.isBlank() || displayName.length() > MAX_DISPLAY_NAME_LENGTH) {
            throw new DomainException("display_name", "must be 1-" + MAX_DISPLAY_NAME_LENGTH + " characters, not blank");
        }
        if (level < MIN_LEVEL || level > MAX_LEVEL) {
            throw new DomainException("level", "must be from " + MIN_LEVEL + " to " + MAX_LEVEL);
        }
        if (fanCount < 0) {
            throw new DomainException("fan_count", "must not be negative");
        }
        if (averageViewers < 0) {
            throw new DomainException("average_viewers", "must not be negative");
        }
        guildId.ifPresent(id -> {
            if (!AnchorId.isValid(id)) {
                throw new DomainException("guild_id", "must be 1-64 characters of [A-Za-z0-9._-]");
            }
        });
    }
}
