package com.anchorhealth.application.feed;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scoped watcher's stream: the changes of the anchors its guilds hold, the others left out. Whom a
 * guild holds is read from the store at most once per anchor every {@link #MEMBERSHIP_FRESHNESS}, so
 * that a busy feed costs a guild manager's watch a few reads, not one per change; a member who joins
 * or leaves is seen within that time.
 */
final class ScopedChangeSink implements ChangeSink {
    static final Duration MEMBERSHIP_FRESHNESS = Duration.ofSeconds(5);

    private final ChangeSink sink;
    private final Scope scope;
    private final ScopeChecks scopeChecks;
    private final Clock clock;
    private final Map<AnchorId, Boolean> visible = new HashMap<>();
    private Instant readSince = Instant.MIN;

    ScopedChangeSink(ChangeSink sink, Scope scope, ScopeChecks scopeChecks, Clock clock) {
        this.sink = sink;
        this.scope = scope;
        this.scopeChecks = scopeChecks;
        this.clock = clock;
    }

    @Override
    public boolean isReady() {
        return sink.isReady();
    }

    @Override
    public void send(WatchedChange change) {
        Instant now = clock.instant();
        if (now.isAfter(readSince.plus(MEMBERSHIP_FRESHNESS))) {
            visible.clear();
            readSince = now;
        }
        if (visible.computeIfAbsent(change.change().anchorId(),
                anchor -> !scopeChecks.visible(scope, List.of(anchor)).isEmpty())) {
            sink.send(change);
        }
    }

    @Override
    public void fail(RuntimeException error) {
        sink.fail(error);
    }

    @Override
    public void serverStopping() {
        sink.serverStopping();
    }
}
