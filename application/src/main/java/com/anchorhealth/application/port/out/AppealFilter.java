package com.anchorhealth.application.port.out;

import com.anchorhealth.domain.appeal.AppealState;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.Objects;
import java.util.Optional;

/** Which appeals a listing holds: one anchor's or every anchor's, in one state or in any. */
public record AppealFilter(Optional<AnchorId> anchorId, Optional<AppealState> state) {
    public AppealFilter {
        Objects.requireNonNull(anchorId, "anchorId");
        Objects.requireNonNull(state, "state");
    }
}
