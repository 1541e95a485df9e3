package com.anchorhealth.application.port.out.policy;

import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.domain.score.ReplayedViolation;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The anchors' histories as a replay reads them: in ranges of anchor ids, each read in key order, so
 * that a replay of every anchor reads each history once, several ranges at once, without holding
 * them all. Ranges are bounded by ids in the store's order (that of {@link Anchors#forEach}).
 */
public interface ReplayHistories {
    /**
     * The id of the {@code count}th anchor after {@code after} (from the first anchor when absent):
     * where a range of that many anchors ends; absent when no more than {@code count} remain.
     */
    Optional<AnchorId> rangeEnd(Optional<AnchorId> after, int count);

    /**
     * The anchors after {@code after} (from the first when absent) up to {@code last} included (to the
     * last anchor when absent), in id order, each with its violations counted: three range reads.
     */
    List<ReplayHistory> range(Optional<AnchorId> after, Optional<AnchorId> last);

    /**
     * These anchors' violations, each anchor's in recording order (an anchor with none is left out): one
     * read for the anchors of a range whose counts did not decide their replay.
     */
    Map<AnchorId, List<ReplayedViolation>> violationsOf(List<AnchorId> anchorIds);
}
