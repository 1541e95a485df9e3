package com.anchorhealth.application.port.out;

import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.List;

/** The transactional outbox of standing changes. */
public interface StandingOutbox {
    void append(StandingChange change);


    /** The anchor's changes in sequence order (for audits and tests). */
    List<StandingChange> changesOf(AnchorId anchorId);
}
