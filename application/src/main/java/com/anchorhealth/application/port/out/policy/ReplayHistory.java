package com.anchorhealth.application.port.out.policy;

import com.anchorhealth.domain.score.KeptEntry;
import com.anchorhealth.domain.score.Replay;
import com.anchorhealth.domain.score.ReplayedViolation;
import com.anchorhealth.domain.vocabulary.AnchorProfile;

import java.util.List;
import java.util.Objects;

/**
 * What a replay reads of one anchor: its profile, its score today, its violations in recording order,
 * and its ledger entries of the {@link Replay#KEPT_KINDS} in ledger order.
 */
public record ReplayHistory(AnchorProfile profile, int score, List<ReplayedViolation> violations,
                            List<KeptEntry> kept) {
    public ReplayHistory {
        Objects.requireNonNull(profile, "profile");
        violations = List.copyOf(violations);
        kept = List.copyOf(kept);
    }
}
