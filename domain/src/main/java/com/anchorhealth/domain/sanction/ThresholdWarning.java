package com.anchorhealth.domain.sanction;

import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.Thresholds;
import com.anchorhealth.domain.vocabulary.Tier;

import java.util.Optional;

/**
 * DESIGN.md section 6: a score within the policy's warning margin above the threshold of the next
 * tier down, so that the anchor can be told in time. The margin itself is within: with the default
 * 5, scores 40 to 45 warn of RESTRICTED.
 */
public record ThresholdWarning(Tier nextTierDown, int threshold, int pointsToNextThreshold) {

    public static Optional<ThresholdWarning> of(Policy policy, int score) {
        Thresholds thresholds = policy.thresholds();
        Tier tier = thresholds.tierFor(score);
        int pointsToNext = thresholds.pointsToNextThreshold(score);
        if (tier == Tier.REVOKED || pointsToNext > policy.warningMargin()) {
            return Optional.empty();
        }
        return Optional.of(new ThresholdWarning(tier.next(), thresholds.floorOf(tier), pointsToNext));
    }
}
