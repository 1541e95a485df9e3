package com.anchorhealth.application.feed;

import com.anchorhealth.application.error.FailedPreconditionException;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.port.out.feed.FeedBounds;
import com.anchorhealth.application.port.out.feed.FeedPage;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.StandingFeed;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * One watch of the feed. It starts behind: it reads the table in pages from its cursor until it has
 * caught up with the tailer, then takes the tailer's changes as they come. It sends only while its
 * sink is ready; when more than {@link #LIVE_BUFFER} changes wait for a slow watcher, it drops them
 * and falls behind again, so a slow watcher costs a bounded buffer and its own table reads, never
 * unbounded memory. All table reads and sends run on the feed's executor, one run at a time.
 */
public final class FeedSubscription {
    /** Changes read from the table at a time by a watch that is behind. */
    static final int PAGE_SIZE = 200;
    /** Changes queued for a watch that is not ready before it falls behind. */
    static final int LIVE_BUFFER = 1000;

    private enum State { STARTING, RUNNING, SERVER_STOPPING, ENDED }

    private final Optional<Long> after;
    private final ChangeSink sink;
    private final StandingFeed feed;
    private final FeedSubscribers subscribers;
    private final Function<PositionedChange, WatchedChange> describe;
    private final Executor executor;
    private final AtomicInteger pendingRuns = new AtomicInteger();

    private final ArrayDeque<PositionedChange> queue = new ArrayDeque<>();
    private State state = State.STARTING;
    /** Reads the table itself rather than taking the tailer's changes. */
    private boolean behind = true;
    /** The position of the last change sent. */
    private long sent;
    /** The position of the last change sent or queued. */
    private long queuedThrough;

    FeedSubscription(Optional<Long> after, ChangeSink sink, StandingFeed feed, FeedSubscribers subscribers,
                     Function<PositionedChange, WatchedChange> describe, Executor executor) {
        this.after = after;
        this.sink = sink;
        this.feed = feed;
        this.subscribers = subscribers;
        this.describe = describe;
        this.executor = executor;
    }

    /** Starts the watch, or continues it when its sink is ready again. */
    public void resume() {
        if (pendingRuns.getAndIncrement() == 0) {
            executor.execute(this::run);
        }
    }

    /** The watcher went away: nothing more is sent. */
    public void cancel() {
        synchronized (this) {
            state = State.ENDED;
            queue.clear();
        }
        subscribers.remove(this);
    }

    synchronized void serverStopping() {
        if (state != State.ENDED) {
            state = State.SERVER_STOPPING;
            resume();
        }
    }

    /** Called by the tailer, in feed order, under the subscribers' lock. */
    synchronized void offer(Iterable<PositionedChange> changes) {
        if (behind || state != State.RUNNING) {
            return;
        }
        for (PositionedChange change : changes) {
            if (change.position() <= queuedThrough) {
                continue;
            }
            if (queue.size() == LIVE_BUFFER) {
                queue.clear();
                behind = true;
                break;
            }
            queue.add(change);
            queuedThrough = change.position();
        }
        resume();
    }

    /** The watch has caught up with the tailer (see {@link FeedSubscribers#goLive}). */
    synchronized void goLive() {
        behind = false;
    }

    /** One run at a time: a resume during a run makes it go round again rather than start another. */
    private void run() {
        int runs = 1;
        boolean readPage = false;
        do {
            try {
                readPage = deliver();
            } catch (RuntimeException e) {
                if (end()) {
                    sink.fail(e);
                }
                return;
            }
            runs = pendingRuns.addAndGet(-runs);
        } while (runs != 0);
        if (readPage) {
            // Another run rather than a loop here, so that the executor's other watches get their turn.
            resume();
        }
    }

    /** Sends what the sink takes; returns true when it read a page and should run again. */
    private boolean deliver() {
        switch (currentState()) {
            case ENDED:
                return false;
            case SERVER_STOPPING:
                if (end()) {
                    sink.serverStopping();
                }
                return false;
            case STARTING:
                start();
                break;
            default:
                break;
        }
        while (sink.isReady()) {
            PositionedChange next;
            synchronized (this) {
                if (state != State.RUNNING) {
                    return false;
                }
                next = queue.poll();
                if (next == null && !behind) {
                    return false;
                }
            }
            if (next == null) {
                return readPage();
            }
            sink.send(describe.apply(next));
            synchronized (this) {
                sent = next.position();
            }
        }
        return false;
    }

    private void start() {
        // An empty cursor means from now: every change committed so far gets its position first.
        long position = after.isPresent() ? checkedCursor(after.get()) : feed.positionCommitted();
        synchronized (this) {
            if (state == State.STARTING) {
                state = State.RUNNING;
                sent = position;
                queuedThrough = position;
            }
        }
    }

    private long checkedCursor(long position) {
        FeedBounds bounds = feed.bounds();
        if (position > bounds.lastPosition()) {
            throw InvalidRequestException.of("after_cursor", "is ahead of the feed: not a cursor this service issued");
        }
        if (bounds.pruned(position)) {
            throw expired();
        }
        return position;
    }

    /** Reads the next page after what was sent (the queue is empty); returns whether to run again. */
    private boolean readPage() {
        long from;
        synchronized (this) {
            from = sent;
        }
        FeedPage page = feed.readAfter(from, PAGE_SIZE);
        if (page.bounds().pruned(from)) {
            throw expired();
        }
        long readThrough;
        synchronized (this) {
            if (state != State.RUNNING) {
                return false;
            }
            queue.addAll(page.changes());
            readThrough = page.changes().isEmpty() ? from : page.changes().get(page.changes().size() - 1).position();
            queuedThrough = readThrough;
        }
        boolean live = page.changes().size() < PAGE_SIZE && subscribers.goLive(this, readThrough);
        return !page.changes().isEmpty() || !live;
    }

    private synchronized State currentState() {
        return state;
    }

    /** Ends the watch once; returns whether this call ended it (and so tells the sink). */
    private boolean end() {
        synchronized (this) {
            if (state == State.ENDED) {
                return false;
            }
            state = State.ENDED;
            queue.clear();
        }
        subscribers.remove(this);
        return true;
    }

    private static FailedPreconditionException expired() {
        return new FailedPreconditionException("CURSOR_EXPIRED", "after_cursor",
                "the cursor is older than the feed's retention period; the changes after it were pruned");
    }
}
