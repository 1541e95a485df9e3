package com.anchorhealth.server;

import com.anchorhealth.application.feed.FeedRelay;
import com.anchorhealth.application.port.out.feed.ChangePublisher;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Optional;

/**
 * Runs the change feed's relay to Kafka when one is configured, on a thread of its own, so that a
 * broker that is down delays only the relay (each round waits a bounded time, then the next one tries
 * again), never the service's calls. A round starts as soon as this server commits changes, or after
 * {@link #INTERVAL} (changes committed by other instances); see {@link FeedRelay#awaitNextRound}.
 * Its gauges say whether this instance holds the relay's lease and how far the relay is behind.
 */
final class FeedRelayJob {
    static final Duration INTERVAL = Duration.ofMillis(200);
    /**
     * How long an instance that died keeps the relay from the others. A round's every wait on Kafka
     * (KafkaChangePublisher's delivery timeout) and on the store comes well within it.
     */
    static final Duration LEASE_TERM = Duration.ofSeconds(10);

    private final Optional<Running> running;

    private record Running(FeedRelay relay, ChangePublisher publisher, Thread thread) {
    }

    /** No relay: --kafka-bootstrap-servers is not set. */
    static FeedRelayJob off() {
        return new FeedRelayJob(Optional.empty());
    }

    static FeedRelayJob of(FeedRelay relay, ChangePublisher publisher, String destination, MeterRegistry registry) {
        Gauge.builder("anchorhealth.feed.relay.holding", relay, r -> r.holding() ? 1 : 0)
                .description("1 while this instance holds the lease of the change feed's relay to Kafka, else 0")
                .register(registry);
        Gauge.builder("anchorhealth.feed.relay.lag", relay, FeedRelay::lagPositions)
                .description("Feed positions committed to the store and not yet acknowledged by Kafka")
                .baseUnit("changes")
                .register(registry);
        Gauge.builder("anchorhealth.feed.relay.lag.time", relay, r -> r.lagTime().toMillis() / 1000.0)
                .description("How long the oldest change not yet acknowledged by Kafka has waited")
                .baseUnit("seconds")
                .register(registry);
        Runnable round = new Guarded("relaying the change feed to " + destination, relay::relay);
        Thread thread = new Thread(() -> {
            try {
                // Not only the interrupt: a round's JDBC or Kafka call may swallow it.
                while (!relay.stopped()) {
                    round.run();
                    relay.awaitNextRound(INTERVAL);
                }
            } catch (InterruptedException stopping) {
                // stop() frees the relay's lease.
            }
        }, "feed-relay");
        thread.setDaemon(true);
        return new FeedRelayJob(Optional.of(new Running(relay, publisher, thread)));
    }

    private FeedRelayJob(Optional<Running> running) {
        this.running = running;
    }

    void start() {
        running.ifPresent(r -> r.thread().start());
    }

    /** Stops relaying and frees the lease, so that another instance takes over at once. */
    void stop() {
        running.ifPresent(r -> {
            r.thread().interrupt();
            try {
                r.relay().stop();
            } catch (RuntimeException e) {
                // The store is down: the lease expires by itself.
            }
            r.publisher().close();
        });
    }
}
