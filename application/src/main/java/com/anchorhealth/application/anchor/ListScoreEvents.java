package com.anchorhealth.application.anchor;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.anchor.Ledger;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;

/** The audit trail: an anchor's ledger, oldest first. */
@Singleton
public final class ListScoreEvents {
    private final Anchors anchors;
    private final Ledger ledger;

    @Inject
    public ListScoreEvents(Anchors anchors, Ledger ledger) {
        this.anchors = anchors;
        this.ledger = ledger;
    }

    public Page<ScoreEvent> list(Scope scope, AnchorId anchorId, PageRequest page) {
        requireAnchor(scope, anchorId);
        return ledger.list(anchorId, page);
    }

    /** The newest {@code count} entries, oldest of them first: what a console shows of a long history. */
    public List<ScoreEvent> newest(Scope scope, AnchorId anchorId, int count) {
        requireAnchor(scope, anchorId);
        return ledger.newest(anchorId, count);
    }

    private void requireAnchor(Scope scope, AnchorId anchorId) {
        ScopeChecks.seen(scope, anchorId, anchors.find(anchorId));
    }
}
