package com.anchorhealth.domain.policy;

import com.anchorhealth.domain.vocabulary.Tier;

/** Strict "below" thresholds of the sanction ladder. */
public record Thresholds(int restrictedBelow, int severelyRestrictedBelow, int revokedBelow) {

    public Tier tierFor(int score) {
        if (score < revokedBelow) {
            return Tier.REVOKED;
        }
        if (score < severelyRestrictedBelow) {
            return Tier.SEVERELY_RESTRICTED;
        }
        if (score < restrictedBelow) {
            return Tier.RESTRICTED;
        }
        return Tier.NORMAL;
    }

    /** The lowest score that still belongs to the tier. */
    public int floorOf(Tier tier) {
        return switch (tier) {
            case NORMAL -> restrictedBelow;
            case RESTRICTED -> severelyRestrictedBelow;
            case SEVERELY_RESTRICTED -> revokedBelow;
            case REVOKED -> 0;
        };
    }

    /** The highest score that still belongs to the tier (no bound for the top one). */
    public int ceilingOf(Tier tier) {
        return switch (tier) {
            case NORMAL -> Integer.MAX_VALUE;
            case RESTRICTED -> restrictedBelow - 1;
            case SEVERELY_RESTRICTED -> severelyRestrictedBelow - 1;
            case REVOKED -> revokedBelow - 1;
        };
    }

    /** Points that can be lost before the score falls into the next tier down (0 when revoked). */
    public int pointsToNextThreshold(int score) {
        Tier tier = tierFor(score);
        return tier == Tier.REVOKED ? 0 : score - floorOf(tier);
    }
}
