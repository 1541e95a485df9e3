package com.anchorhealth.application.port.out.anchor;

import com.anchorhealth.domain.vocabulary.AnchorId;

import java.time.Instant;
import java.util.Optional;

/**
 * The held live sessions pushed off anchors' rows ({@link com.anchorhealth.domain.sanction.HeldSessions}),
 * written with the anchor's row; asked only when a check's session may be among them.
 */
public interface SpilledSessions {
    /** Until when the store holds the anchor's session; empty when it does not hold it. */
    Optional<Instant> heldUntil(AnchorId anchorId, String liveSessionId);
}
