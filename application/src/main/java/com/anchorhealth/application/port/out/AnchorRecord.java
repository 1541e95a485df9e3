package com.anchorhealth.application.port.out;

import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.score.AnchorScore;

import java.time.Instant;
import java.util.Objects;

/** A stored anchor: its profile and the projection of its ledger fold. */
public record AnchorRecord(AnchorProfile profile, AnchorScore score, Instant createdAt, Instant updatedAt) {
    public AnchorRecord {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(score, "score");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
