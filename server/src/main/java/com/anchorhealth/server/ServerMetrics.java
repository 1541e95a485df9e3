package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.Database;
import com.anchorhealth.application.feed.FeedSubscribers;
import com.anchorhealth.application.port.out.feed.StandingFeed;
import com.anchorhealth.application.standing.StandingIndex;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * The server's own gauges: the standing index, the change feed as this instance follows it, the
 * handler pool and the database connection pool. The feed's newest position is read from the store
 * every {@link #FEED_PROBE_INTERVAL}, so a scrape never waits on the database.
 */
final class ServerMetrics {
    static final Duration FEED_PROBE_INTERVAL = Duration.ofSeconds(5);
    static final String HANDLER_POOL = "grpc.handler";

    private final MeterRegistry registry;
    private final StandingIndex index;
    private final FeedSubscribers subscribers;
    private final StandingFeed feed;
    private final Database database;
    private final AtomicLong newestPosition = new AtomicLong();
    private final PeriodicTask feedProbe = new PeriodicTask("feed-probe", this::probeFeed, Duration.ZERO,
            FEED_PROBE_INTERVAL);

    @Inject
    ServerMetrics(MeterRegistry registry, StandingIndex index, FeedSubscribers subscribers, StandingFeed feed,
                  Database database) {
        this.registry = registry;
        this.index = index;
        this.subscribers = subscribers;
        this.feed = feed;
        this.database = database;
    }

    /** Registers the gauges and starts following the feed's newest position. */
    void start() {
        gauge("anchorhealth.standing.index.anchors", index, StandingIndex::size,
                "Anchors whose standing this instance holds in memory for checks");
        gauge("anchorhealth.feed.watchers", subscribers, FeedSubscribers::size,
                "WatchStandingChanges streams open on this instance");
        gauge("anchorhealth.feed.position.newest", newestPosition, AtomicLong::get,
                "The newest position of the change feed in the store, as last probed");
        gauge("anchorhealth.feed.position.applied", subscribers, FeedSubscribers::tailPosition,
                "The feed position up to which this instance has applied changes to its index");
        Gauge.builder("anchorhealth.feed.lag", this, ServerMetrics::feedLag)
                .description("Feed positions committed to the store that this instance has not applied yet")
                .baseUnit("changes")
                .register(registry);
        database.pools().forEach(pool -> pool.setMetricRegistry(registry));
        feedProbe.start();
    }

    void stop() {
        feedProbe.stop();
    }

    private <T> void gauge(String name, T source, ToDoubleFunction<T> value, String description) {
        Gauge.builder(name, source, value).description(description).register(registry);
    }

    /**
     * Queue depth, active and completed tasks of the pool that runs database calls. Calls beyond
     * --max-queued-calls never reach it: they are counted as RESOURCE_EXHAUSTED in the per-method
     * status codes.
     */
    void monitorHandlerPool(ExecutorService handlers) {
        new ExecutorServiceMetrics(handlers, HANDLER_POOL, List.of()).bindTo(registry);
    }

    private double feedLag() {
        return Math.max(0, newestPosition.get() - subscribers.tailPosition());
    }

    private void probeFeed() {
        try {
            newestPosition.set(feed.bounds().lastPosition());
        } catch (RuntimeException e) {
            // The database is down: the last value stands, and the database health probe says why.
        }
    }
}
