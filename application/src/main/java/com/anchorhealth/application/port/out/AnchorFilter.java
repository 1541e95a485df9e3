package com.anchorhealth.application.port.out;

import java.util.Objects;
import java.util.Optional;

/**
 * Which anchors to list: scores within [minScore, maxScore], when given one guild, and when given a
 * search text: an anchor id that starts with it, or a display name that holds it in any case.
 */
public record AnchorFilter(int minScore, int maxScore, Optional<String> guildId, Optional<String> text) {
    public static final AnchorFilter ALL = new AnchorFilter(Integer.MIN_VALUE, Integer.MAX_VALUE, Optional.empty());

    public AnchorFilter {
        Objects.requireNonNull(guildId, "guildId");
        Objects.requireNonNull(text, "text");
    }

    /** Without a search text. */
    public AnchorFilter(int minScore, int maxScore, Optional<String> guildId) {
        this(minScore, maxScore, guildId, Optional.empty());
    }
}
