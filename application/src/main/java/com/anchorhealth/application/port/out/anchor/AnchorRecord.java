package com.anchorhealth.application.port.out.anchor;

import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.vocabulary.AnchorProfile;

import java.time.Instant;
import java.util.Objects;

/** A stored anchor: the aggregate as its row holds it, and when the row was created and last written. */
public record AnchorRecord(Anchor anchor, Instant createdAt, Instant updatedAt) {
    public AnchorRecord {
        Objects.requireNonNull(anchor, "anchor");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public AnchorProfile profile() {
        return anchor.profile();
    }

    public AnchorScore score() {
        return anchor.score();
    }
}
