package com.anchorhealth.application.feed;

import com.anchorhealth.application.port.out.feed.PositionedChange;
import jakarta.inject.Singleton;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The watches of this server and the position up to which the tailer has handed changes to them.
 * Locks are taken in one order: this, then a subscription.
 */
@Singleton
public final class FeedSubscribers {
    private final Set<FeedSubscription> subscriptions = new LinkedHashSet<>();
    private long tailPosition;

    synchronized void add(FeedSubscription subscription) {
        subscriptions.add(subscription);
    }

    synchronized void remove(FeedSubscription subscription) {
        subscriptions.remove(subscription);
    }

    public synchronized int size() {
        return subscriptions.size();
    }

    /** The feed position up to which this server has applied changes and handed them to its watches. */
    public synchronized long tailPosition() {
        return tailPosition;
    }

    /** Where the tailer starts: it hands over only changes after this position. */
    synchronized void startAt(long position) {
        tailPosition = position;
    }

    /** The tailer's next page, in feed order: each live watch queues what it has not had yet. */
    synchronized void publish(List<PositionedChange> changes) {
        if (changes.isEmpty()) {
            return;
        }
        subscriptions.forEach(subscription -> subscription.offer(changes));
        tailPosition = changes.get(changes.size() - 1).position();
    }

    /**
     * Makes a watch that read the table up to {@code readThrough} live, unless the tailer has already
     * handed over later changes (which the watch then reads from the table first).
     */
    synchronized boolean goLive(FeedSubscription subscription, long readThrough) {
        if (readThrough < tailPosition) {
            return false;
        }
        subscription.goLive();
        return true;
    }

    /** Ends every watch, so that stopping the server does not wait for streams that never end. */
    public void stopAll() {
        List<FeedSubscription> stopping;
        synchronized (this) {
            stopping = List.copyOf(subscriptions);
            subscriptions.clear();
        }
        stopping.forEach(FeedSubscription::serverStopping);
    }
}
