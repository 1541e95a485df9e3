package com.anchorhealth.domain.vocabulary;

import com.anchorhealth.domain.DomainException;

import java.util.Objects;
import java.util.Optional;

/**
 * What one call writes of an anchor's profile: each field it names, the others left as they are, so
 * that nothing is cleared by omission. {@code membership} present with an empty guild releases the
 * anchor from its guild; absent, the membership stays. A registration needs a display name and a
 * level; the other fields start empty.
 */
public record ProfileUpdate(
        AnchorId anchorId,
        Optional<String> displayName,
        Optional<Certification> certification,
        Optional<Integer> level,
        Optional<Long> fanCount,
        Optional<Long> averageViewers,
        Optional<Membership> membership) {

    public ProfileUpdate {
        Objects.requireNonNull(anchorId, "anchorId");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(certification, "certification");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(fanCount, "fanCount");
        Objects.requireNonNull(averageViewers, "averageViewers");
        Objects.requireNonNull(membership, "membership");
    }

    /** The guild an anchor belongs to, or none. */
    public record Membership(Optional<String> guildId) {
        public Membership {
            Objects.requireNonNull(guildId, "guildId");
        }
    }

    /** Whether the update writes the guild membership, which only the back office may change. */
    public boolean writesMembership() {
        return membership.isPresent();
    }

    /** The stored profile with the fields this update names replaced. */
    public AnchorProfile appliedTo(AnchorProfile stored) {
        if (!stored.anchorId().equals(anchorId)) {
            throw new IllegalArgumentException("the update is for " + anchorId + ", not " + stored.anchorId());
        }
        return new AnchorProfile(anchorId, displayName.orElse(stored.displayName()),
                certification.orElse(stored.certification()), level.orElse(stored.level()),
                fanCount.orElse(stored.fanCount()), averageViewers.orElse(stored.averageViewers()),
                membership.map(Membership::guildId).orElse(stored.guildId()));
    }

    /** The profile of a new anchor: the fields named, the others empty; refused without a name or a level. */
    public AnchorProfile registration() {
        if (displayName.isEmpty()) {
            throw new DomainException("display_name", "is required to register an anchor");
        }
        if (level.isEmpty()) {
            throw new DomainException("level", "is required to register an anchor");
        }
        return new AnchorProfile(anchorId, displayName.get(), certification.orElse(Certification.NONE), level.get(),
                fanCount.orElse(0L), averageViewers.orElse(0L), membership.flatMap(Membership::guildId));
    }
}
