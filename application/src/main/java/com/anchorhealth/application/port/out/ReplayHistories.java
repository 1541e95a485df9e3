package com.anchorhealth.application.port.out;

import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.Map;

/**
 * The anchors' histories as a replay reads them: one range of anchor ids at a time, each range read
 * in key order, so that a replay of every anchor reads each history once without holding them all.
 */
public interface ReplayHistories {
    /**
     * The histories of the anchors with ids from {@code first} to {@code last} (both included, in the
     * store's id order: that of {@link Anchors#forEach}), in two range reads; an anchor with neither
     * violations nor kept entries is absent.
     */
    Map<AnchorId, ReplayHistory> between(AnchorId first, AnchorId last);
}
