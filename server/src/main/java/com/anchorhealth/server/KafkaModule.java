package com.anchorhealth.server;

import com.anchorhealth.adapter.kafka.KafkaChangePublisher;
import com.anchorhealth.adapter.persistence.Database;
import com.anchorhealth.adapter.persistence.JooqRelayLeases;
import com.anchorhealth.application.standing.CommitSignal;
import com.anchorhealth.application.feed.FeedRelay;
import com.anchorhealth.application.port.out.feed.StandingFeed;
import com.anchorhealth.application.standing.PolicyBook;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.micrometer.core.instrument.MeterRegistry;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.UUID;

/** The change feed's relay to Kafka, wired only when --kafka-bootstrap-servers is set. */
final class KafkaModule extends AbstractModule {

    @Provides
    @Singleton
    FeedRelayJob feedRelayJob(Settings settings, StandingFeed feed, Database database, PolicyBook policies,
                              CommitSignal commits, Clock clock, MeterRegistry registry) {
        return settings.kafka().map(kafka -> {
            String destination = "kafka:" + kafka.topic();
            var publisher = new KafkaChangePublisher(kafka.bootstrapServers(), kafka.topic());
            var relay = new FeedRelay(destination, holder(), FeedRelayJob.LEASE_TERM, feed,
                    new JooqRelayLeases(database.dsl()), publisher, policies, commits, clock);
            return FeedRelayJob.of(relay, publisher, destination, registry);
        }).orElseGet(FeedRelayJob::off);
    }

    /** This process, uniquely and readably (pid@host, as the JVM names it, and a random suffix). */
    private static String holder() {
        return ManagementFactory.getRuntimeMXBean().getName() + "/" + UUID.randomUUID();
    }
}
