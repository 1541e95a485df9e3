package com.anchorhealth.application.port.out;

import com.anchorhealth.domain.vocabulary.AnchorId;

import java.time.Instant;
import java.util.List;

/** The transactional outbox of standing changes. */
public interface StandingOutbox {
    /** Within a transaction: the change is written, with its feed position, as the transaction commits. */
    void append(StandingChange change);


    /** The anchor's changes in sequence order (for audits and tests). */
    List<StandingChange> changesOf(AnchorId anchorId);

    /**
     * Up to {@code limit} changes since {@code since} that took an anchor down the ladder, newest first,
     * from what the outbox still holds (its retention).
     */
    List<StandingChange> tierDropsSince(Instant since, int limit);
}
