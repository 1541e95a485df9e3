package com.anchorhealth.application.port.out;

import com.anchorhealth.domain.vocabulary.AnchorId;

import java.time.Instant;
import java.util.List;

/**
 * The changes of anchors' standings, read back. Each is written by {@link AnchorChanges} in the
 * transaction that made it, and kept on the row that records it (a violation's on the violation, any
 * other on its ledger entry), not on a row of its own.
 */
public interface StandingOutbox {
    /** The anchor's changes in feed order, which is its sequence order (for audits and tests). */
    List<StandingChange> changesOf(AnchorId anchorId);

    /**
     * Up to {@code limit} changes since {@code since} that took an anchor down the ladder, newest first,
     * among the changes of the feed.
     */
    List<StandingChange> tierDropsSince(Instant since, int limit);
}
