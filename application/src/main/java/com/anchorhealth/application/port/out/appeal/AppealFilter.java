package com.anchorhealth.application.port.out.appeal;

import com.anchorhealth.domain.appeal.AppealState;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which appeals a listing holds: one anchor's or every anchor's, in one state or in any, and when
 * given only those of the anchors that are members of these guilds now.
 */
public record AppealFilter(Optional<AnchorId> anchorId, Optional<AppealState> state,
                           Optional<Set<String>> memberOf) {
    public AppealFilter {
        Objects.requireNonNull(anchorId, "anchorId");
        Objects.requireNonNull(state, "state");
        memberOf = memberOf.map(Set::copyOf);
    }
}
