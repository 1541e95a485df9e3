package com.anchorhealth.application.port.out.feed;

import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A change of an anchor's standing, written in the transaction that made it; a violation's change has
 * the violation's id.
 * {@code anchorSequence} is the anchor's ledger sequence after the change, which orders the changes
 * of one anchor.
 */
public record StandingChange(
        String changeId,
        AnchorId anchorId,
        int anchorSequence,
        int oldScore,
        int newScore,
        Tier oldTier,
        Tier newTier,
        Set<Capability> deniedCapabilities,
        ChangeCause cause,
        Optional<String> violationId,
        Instant createdAt) {

    public StandingChange {
        Objects.requireNonNull(changeId, "changeId");
        Objects.requireNonNull(anchorId, "anchorId");
        Objects.requireNonNull(oldTier, "oldTier");
        Objects.requireNonNull(newTier, "newTier");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(violationId, "violationId");
        Objects.requireNonNull(createdAt, "createdAt");
        deniedCapabilities = Set.copyOf(deniedCapabilities);
    }
}
