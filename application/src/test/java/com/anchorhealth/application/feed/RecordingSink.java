package com.anchorhealth.application.feed;

import java.util.ArrayList;
import java.util.List;

/** A watcher for tests: takes changes while ready, and remembers how its stream ended. */
final class RecordingSink implements ChangeSink {
    final List<WatchedChange> sent = new ArrayList<>();
    boolean ready = true;
    RuntimeException failure;
    boolean stopped;

    @Override
    public boolean isReady() {
        return ready;
    }

    @Override
    public void send(WatchedChange change) {
        if (!ready || failure != null || stopped) {
            throw new AssertionError("sent " + change.position() + " to a watcher that is not ready or has ended");
        }
        sent.add(change);
    }

    @Override
    public void fail(RuntimeException error) {
        failure = error;
    }

    @Override
    public void serverStopping() {
        stopped = true;
    }

    List<Long> positions() {
        return sent.stream().map(WatchedChange::position).toList();
    }
}
