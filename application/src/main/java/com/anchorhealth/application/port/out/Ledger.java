package com.anchorhealth.application.port.out;

import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The anchors' ledgers of score events. */
public interface Ledger {
    void append(ScoreEvent event);

    /** The whole ledger of one anchor, in sequence order. */
    List<ScoreEvent> ledgerOf(AnchorId anchorId);

    /** One page of the ledger in sequence order; keys are sequence numbers. */
    Page<ScoreEvent> list(AnchorId anchorId, PageRequest page);

    /** The ledgers of several anchors in one round trip; anchors without entries are absent. */
    Map<AnchorId, List<ScoreEvent>> ledgersOf(Collection<AnchorId> anchorIds);

    /** The entries of these kinds of several anchors in one round trip, each anchor's in sequence order. */
    Map<AnchorId, List<ScoreEvent>> entriesOf(Collection<AnchorId> anchorIds, Set<ScoreEventKind> kinds);
}
