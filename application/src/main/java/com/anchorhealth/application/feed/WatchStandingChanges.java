package com.anchorhealth.application.feed;

import com.anchorhealth.application.port.out.PositionedChange;
import com.anchorhealth.application.port.out.StandingFeed;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.domain.sanction.ThresholdWarning;

import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Watches of the standing changes in commit order, resumable after any position the feed still
 * holds. {@code feedReaders} runs the watches' table reads and sends: a small executor of its own,
 * so that watchers catching up never hold the threads that answer unary calls.
 */
public final class WatchStandingChanges {
    private final StandingFeed feed;
    private final FeedSubscribers subscribers;
    private final PolicyBook policies;
    private final Executor feedReaders;

    public WatchStandingChanges(StandingFeed feed, FeedSubscribers subscribers, PolicyBook policies,
                                Executor feedReaders) {
        this.feed = feed;
        this.subscribers = subscribers;
        this.policies = policies;
        this.feedReaders = feedReaders;
    }

    /**
     * A watch of the changes after {@code afterPosition} (empty: from now) into {@code sink}; it
     * starts on {@link FeedSubscription#resume()}, so that the caller can first wire the sink's
     * readiness and cancellation to it. A cursor ahead of the feed or already pruned fails the sink.
     */
    public FeedSubscription watch(Optional<Long> afterPosition, ChangeSink sink) {
        FeedSubscription subscription = new FeedSubscription(afterPosition, sink, feed, subscribers, this::describe,
                feedReaders);
        subscribers.add(subscription);
        return subscription;
    }

    /** The warning follows the policy in force when the change was made. */
    private WatchedChange describe(PositionedChange positioned) {
        var change = positioned.change();
        return new WatchedChange(positioned.position(), change,
                ThresholdWarning.of(policies.inForceAt(change.createdAt()), change.newScore()));
    }
}
