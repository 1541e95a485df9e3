package com.anchorhealth.application.port.out.feed;

import java.util.Objects;

/** A standing change at its position in the feed. */
public record PositionedChange(long position, StandingChange change) {
    public PositionedChange {
        Objects.requireNonNull(change, "change");
    }
}
