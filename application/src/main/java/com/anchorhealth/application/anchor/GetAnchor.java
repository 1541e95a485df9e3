package com.anchorhealth.application.anchor;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.standing.StandingReader;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** An anchor with its standing now, or as of a past instant (the fold of its ledger up to it). */
@Singleton
public final class GetAnchor {
    private final Anchors anchors;
    private final StandingReader standings;
    private final Clock clock;

    @Inject
    public GetAnchor(Anchors anchors, StandingReader standings, Clock clock) {
        this.anchors = anchors;
        this.standings = standings;
        this.clock = clock;
    }

    public AnchorView get(Scope scope, AnchorId anchorId, Optional<Instant> asOf) {
        AnchorRecord record = ScopeChecks.seen(scope, anchorId, anchors.find(anchorId));
        Instant now = clock.instant();
        if (asOf.isEmpty()) {
            return AnchorView.at(record, standings, now);
        }
        if (asOf.get().isAfter(now)) {
            throw InvalidRequestException.of("as_of", "must not be in the future");
        }
        return new AnchorView(record, standings.asOf(anchorId, asOf.get()));
    }
}
