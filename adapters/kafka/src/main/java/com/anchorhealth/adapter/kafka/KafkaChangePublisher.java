package com.anchorhealth.adapter.kafka;

import com.anchorhealth.application.port.out.feed.ChangePublisher;
import com.anchorhealth.application.port.out.feed.RelayedChange;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Publishes relayed changes to one Kafka topic with an idempotent, transactional producer and
 * {@code acks=all}: each batch is one transaction, so a consumer reading committed records
 * ({@code isolation.level=read_committed}) sees a batch whole or not at all. Idempotence alone keeps a
 * producer's records in order but, once a batch times out while the broker is away, lets later batches
 * of the same partition land after the gap; the relay then sends the lost ones again behind them, out of
 * order for an anchor. A batch that fails is aborted instead, and sent again whole after the records
 * before it. The transactional id is the topic's, the same on every instance, so the instance that takes
 * over the relay fences off a producer its predecessor left behind. A failure closes the producer; the
 * next batch opens a new one, and the relay sends again from the last acknowledged position. Every wait
 * is bounded well within the relay's lease: a broker that is down costs one bounded wait per round,
 * never a thread of the service's calls.
 */
public final class KafkaChangePublisher implements ChangePublisher {
    /** How long a batch may take from its first send to its last acknowledgement. */
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** How long starting, committing or aborting a transaction, or waiting for metadata, may block. */
    static final Duration MAX_BLOCK = Duration.ofSeconds(3);
    /** A transaction left open by an instance that died is aborted after this, if no successor did it. */
    static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(20);
    static final Duration LINGER = Duration.ofMillis(5);

    private final String bootstrapServers;
    private final String topic;
    private KafkaProducer<String, byte[]> producer;

    public KafkaChangePublisher(String bootstrapServers, String topic) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
    }

    @Override
    public synchronized void publish(List<RelayedChange> changes) {
        try {
            if (producer == null) {
                producer = new KafkaProducer<>(configuration(), new StringSerializer(), new ByteArraySerializer());
                producer.initTransactions();
            }
            producer.beginTransaction();
            List<Future<RecordMetadata>> sent = new ArrayList<>(changes.size());
            for (RelayedChange change : changes) {
                sent.add(producer.send(StandingChangeRecords.record(topic, change)));
            }
            // Commits only when every record was acknowledged; throws otherwise.
            producer.commitTransaction();
            for (Future<RecordMetadata> acknowledgement : sent) {
                acknowledgement.get();
            }
        } catch (ExecutionException e) {
            throw unavailable(e.getCause());
        } catch (KafkaException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    @Override
    public synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ZERO);
            producer = null;
        }
    }

    private ChangePublisher.Unavailable unavailable(Throwable cause) {
        close();
        return new ChangePublisher.Unavailable("Kafka at " + bootstrapServers + " did not acknowledge the changes to "
                + topic + ": " + cause, cause);
    }

    private Map<String, Object> configuration() {
        return Map.ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "anchor-health-feed-relay"),
                Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Map.entry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "anchor-health-feed-relay:" + topic),
                Map.entry(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis()),
                Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5),
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, (int) LINGER.toMillis()),
                Map.entry(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis()),
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis()),
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) MAX_BLOCK.toMillis()));
    }
}
