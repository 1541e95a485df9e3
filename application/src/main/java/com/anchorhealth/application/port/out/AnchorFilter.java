package com.anchorhealth.application.port.out;

import java.util.Objects;
import java.util.Optional;

/** Which anchors to list: scores within [minScore, maxScore] and, when given, one guild. */
public record AnchorFilter(int minScore, int maxScore, Optional<String> guildId) {
    public static final AnchorFilter ALL = new AnchorFilter(Integer.MIN_VALUE, Integer.MAX_VALUE, Optional.empty());

    public AnchorFilter {
        Objects.requireNonNull(guildId, "guildId");
    }
}
