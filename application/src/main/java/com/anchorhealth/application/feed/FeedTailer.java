package com.anchorhealth.application.feed;

import com.anchorhealth.application.port.out.DomainMetrics;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.StandingFeed;
import com.anchorhealth.application.standing.ChangesPublishedHere;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Follows the feed for this server, one round every few hundred milliseconds: positions what has
 * committed (on any server), refreshes the standing index from each change another server or another
 * path wrote, and hands every change to the live watches. So a server sees another's writes within
 * one round.
 */
@Singleton
public final class FeedTailer {
    /** Changes read per page. */
    static final int PAGE_SIZE = 500;

    private final StandingFeed feed;
    private final Anchors anchors;
    private final DomainMetrics metrics;
    private final StandingIndex index;
    private final ChangesPublishedHere publishedHere;
    private final FeedSubscribers subscribers;
    private long position;

    @Inject
    public FeedTailer(StandingFeed feed, Anchors anchors, StandingIndex index, ChangesPublishedHere publishedHere,
                      FeedSubscribers subscribers, DomainMetrics metrics) {
        this.publishedHere = publishedHere;
        this.metrics = metrics;
        this.feed = feed;
        this.anchors = anchors;
        this.index = index;
        this.subscribers = subscribers;
    }

    /**
     * Starts after the changes committed so far. Called before the index is loaded, so that a change
     * committed during the load is applied again by the first rounds (the index keeps the newest).
     */
    public synchronized void start() {
        position = feed.positionCommitted();
        subscribers.startAt(position);
    }

    /**
     * One round: every change committed since the last round, page by page. This server's own
     * changes come from {@link ChangesPublishedHere}, already in the index; the store is read only for
     * the positions between them.
     */
    public synchronized void poll() {
        long committed = feed.positionCommitted();
        publishedHere.forgetThrough(position);
        while (position < committed) {
            List<PositionedChange> own = publishedHere.takeRun(position + 1, committed, PAGE_SIZE);
            if (own.isEmpty()) {
                readOthersThrough(Math.min(committed, publishedHere.firstAfter(position).orElse(Long.MAX_VALUE) - 1));
            } else {
                deliver(own);
            }
        }
    }

    /** Reads a page of the changes up to {@code through}, none of them published here, and refreshes their anchors. */
    private void readOthersThrough(long through) {
        List<PositionedChange> changes = feed.readBetween(position, through, PAGE_SIZE).changes();
        refreshIndex(changes);
        deliver(changes);
        if (changes.size() < PAGE_SIZE) {
            // The rest up to there, if any, was pruned: every position up to the committed one had committed.
            position = through;
        }
    }

    private void deliver(List<PositionedChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        changes.forEach(positioned -> metrics.standingChanged(positioned.change()));
        subscribers.publish(changes);
        position = changes.get(changes.size() - 1).position();
    }

    /**
     * Publishes each changed anchor's facts as its row holds them, under its ledger sequence: a change
     * lacks what the index keeps beyond the score (sessions with violations, selling revoked), and the
     * row has it all, written in the same transaction.
     */
    private void refreshIndex(List<PositionedChange> changes) {
        Set<AnchorId> anchorIds = new HashSet<>();
        changes.forEach(positioned -> anchorIds.add(positioned.change().anchorId()));
        if (anchorIds.isEmpty()) {
            return;
        }
        for (AnchorRecord record : anchors.findAll(anchorIds)) {
            index.publish(record.profile().anchorId(), record.score().ledgerSequence(), record.anchor().facts());
        }
    }
}
