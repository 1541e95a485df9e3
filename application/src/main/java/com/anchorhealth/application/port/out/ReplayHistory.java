package com.anchorhealth.application.port.out;

import com.anchorhealth.domain.score.KeptEntry;
import com.anchorhealth.domain.score.Replay;
import com.anchorhealth.domain.score.ReplayedViolation;

import java.util.List;

/**
 * What a replay reads of one anchor: its violations in recording order, and its ledger entries of the
 * {@link Replay#KEPT_KINDS} in ledger order.
 */
public record ReplayHistory(List<ReplayedViolation> violations, List<KeptEntry> kept) {
    public static final ReplayHistory NONE = new ReplayHistory(List.of(), List.of());

    public ReplayHistory {
        violations = List.copyOf(violations);
        kept = List.copyOf(kept);
    }
}
