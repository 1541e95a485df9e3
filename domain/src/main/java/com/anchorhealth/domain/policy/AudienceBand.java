package com.anchorhealth.domain.policy;

/** Extra points for anchors with at least {@code minFans} fans or {@code minAverageViewers} viewers. */
public record AudienceBand(int points, long minFans, long minAverageViewers) {
    public boolean reachedBy(long fanCount, long averageViewers) {
        return fanCount >= minFans || averageViewers >= minAverageViewers;
    }
}
