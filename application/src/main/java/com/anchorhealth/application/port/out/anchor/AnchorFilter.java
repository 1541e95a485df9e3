package com.anchorhealth.application.port.out.anchor;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which anchors to list: scores within [minScore, maxScore], when given the members of any of these
 * guilds, and when given a search text: an anchor id that starts with it, or a display name that holds
 * it in any case.
 */
public record AnchorFilter(int minScore, int maxScore, Optional<Set<String>> guildIds, Optional<String> text) {
    public static final AnchorFilter ALL = new AnchorFilter(Integer.MIN_VALUE, Integer.MAX_VALUE, Optional.empty());

    public AnchorFilter {
        guildIds = guildIds.map(Set::copyOf);
        Objects.requireNonNull(text, "text");
    }

    /** Without a search text. */
    public AnchorFilter(int minScore, int maxScore, Optional<Set<String>> guildIds) {
        this(minScore, maxScore, guildIds, Optional.empty());
    }
}
