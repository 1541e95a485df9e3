package com.anchorhealth.application.port.out;

import com.anchorhealth.domain.vocabulary.AnchorId;

import java.time.Instant;
import java.util.List;

/**
 * The changes of anchors' standings, written in the transaction that made them. Each is kept on the
 * row that records it (a violation's on the violation, any other on its ledger entry, which the
 * transaction writes first), not on a row of its own.
 */
public interface StandingOutbox {
    /**
     * Within a transaction that has written the change's ledger entry: the change is kept on it, with
     * its feed position, as the transaction commits. A violation's change is written with the
     * violation ({@link AnchorChanges}).
     */
    void append(StandingChange change);


    /** The anchor's changes in feed order, which is its sequence order (for audits and tests). */
    List<StandingChange> changesOf(AnchorId anchorId);

    /**
     * Up to {@code limit} changes since {@code since} that took an anchor down the ladder, newest first,
     * among the changes of the feed.
     */
    List<StandingChange> tierDropsSince(Instant since, int limit);
}
