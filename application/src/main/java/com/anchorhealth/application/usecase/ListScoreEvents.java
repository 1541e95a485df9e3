package com.anchorhealth.application.usecase;

import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.port.out.Anchors;
import com.anchorhealth.application.port.out.Ledger;
import com.anchorhealth.application.port.out.Page;
import com.anchorhealth.application.port.out.PageRequest;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.score.ScoreEvent;

/** The audit trail: an anchor's ledger, oldest first. */
public final class ListScoreEvents {
    private final Anchors anchors;
    private final Ledger ledger;

    public ListScoreEvents(Anchors anchors, Ledger ledger) {
        this.anchors = anchors;
        this.ledger = ledger;
    }

    public Page<ScoreEvent> list(AnchorId anchorId, PageRequest page) {
        if (anchors.find(anchorId).isEmpty()) {
            throw new NotFoundException("Anchor", AnchorNames.anchor(anchorId));
        }
        return ledger.list(anchorId, page);
    }
}
