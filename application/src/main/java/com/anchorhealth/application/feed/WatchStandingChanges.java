package com.anchorhealth.application.feed;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.StandingFeed;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.domain.sanction.ThresholdWarning;

import java.time.Clock;
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
    private final ScopeChecks scopeChecks;
    private final Clock clock;

    public WatchStandingChanges(StandingFeed feed, FeedSubscribers subscribers, PolicyBook policies,
                                Executor feedReaders, ScopeChecks scopeChecks, Clock clock) {
        this.scopeChecks = scopeChecks;
        this.clock = clock;
        this.feed = feed;
        this.subscribers = subscribers;
        this.policies = policies;
        this.feedReaders = feedReaders;
    }

    /**
     * A watch of the changes after {@code afterPosition} (empty: from now) into {@code sink}; it
     * starts on {@link FeedSubscription#resume()}, so that the caller can first wire the sink's
     * readiness and cancellation to it. A cursor ahead of the feed or already pruned fails the sink.
     * A scoped watcher gets the changes of its guilds' anchors only.
     */
    public FeedSubscription watch(Scope scope, Optional<Long> afterPosition, ChangeSink sink) {
        ChangeSink seen = scope.restricted() ? new ScopedChangeSink(sink, scope, scopeChecks, clock) : sink;
        FeedSubscription subscription = new FeedSubscription(afterPosition, seen, feed, subscribers, this::describe,
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
