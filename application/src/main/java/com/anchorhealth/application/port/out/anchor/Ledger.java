package com.anchorhealth.application.port.out.anchor;

import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
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

    /** The entries at these sequence numbers, by sequence; numbers without an entry are absent. */
    Map<Integer, ScoreEvent> entriesAt(AnchorId anchorId, Collection<Integer> sequences);

    /** The entries from {@code sequence} on, in sequence order: what followed a point of the ledger. */
    List<ScoreEvent> entriesFrom(AnchorId anchorId, int sequence);

    /** The newest {@code count} entries, oldest of them first. */
    List<ScoreEvent> newest(AnchorId anchorId, int count);

    /** One page of the ledger in sequence order, read forward or backward; keys are sequence numbers. */
    Page<ScoreEvent> list(AnchorId anchorId, PageRequest page);

    /** The ledgers of several anchors in one round trip; anchors without entries are absent. */
    Map<AnchorId, List<ScoreEvent>> ledgersOf(Collection<AnchorId> anchorIds);
}
