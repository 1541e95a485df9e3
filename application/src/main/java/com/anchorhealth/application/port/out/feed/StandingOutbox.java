package com.anchorhealth.application.port.out.feed;

import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.AnchorChanges;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The changes of anchors' standings, read back. Each is written by {@link AnchorChanges} in the
 * transaction that made it, and kept on the row that records it (a violation's on the violation, any
 * other on its ledger entry), not on a row of its own.
 */
public interface StandingOutbox {
    /** The anchor's changes in feed order, which is its sequence order (for audits and tests). */
    List<StandingChange> changesOf(AnchorId anchorId);

    /**
     * Up to {@code limit} changes since {@code since} that took an anchor down the ladder, newest first,
     * among the changes of the feed.
     */
    List<StandingChange> tierDropsSince(Instant since, int limit);

    /**
     * A keyset page of the changes the feed still holds that took an anchor down the ladder, newest
     * first, of the anchors of {@code guilds} only when given (of any guild, or none, when empty); keys
     * are feed positions. A page reads at most one change more than it holds from each of the rows
     * that keep changes, whatever the length of the feed.
     */
    Page<StandingChange> tierDrops(Optional<Set<String>> guilds, PageRequest page);
}
