package com.anchorhealth.application.port.out.policy;

import com.anchorhealth.domain.score.KeptEntry;
import com.anchorhealth.domain.score.Replay;
import com.anchorhealth.domain.score.ViolationCounts;
import com.anchorhealth.domain.vocabulary.AnchorProfile;

import java.util.List;
import java.util.Objects;

/**
 * What a replay reads first of one anchor: its profile, its score today, how many violations it has
 * and those {@link Replay#scoreFromCounts} counts, and its ledger entries of the
 * {@link Replay#KEPT_KINDS} in ledger order. The violations themselves are read only for the anchors
 * whose counts do not decide the replay ({@link ReplayHistories#violationsOf}).
 */
public record ReplayHistory(AnchorProfile profile, int score, int violationCount, ViolationCounts counted,
                            List<KeptEntry> kept) {
    public ReplayHistory {
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(counted, "counted");
        kept = List.copyOf(kept);
    }
}
