package com.anchorhealth.adapter.kafka;

import com.anchorhealth.application.port.out.ChangePublisher;
import com.anchorhealth.application.port.out.RelayedChange;
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
 * Publishes relayed changes to one Kafka topic with an idempotent producer and {@code acks=all}, so that
 * the changes of one producer reach each partition once and in order. A failure closes the producer;
 * the next batch opens a new one, and the relay sends again from the last acknowledged position.
 * Every wait is bounded well within the relay's lease: a broker that is down costs one bounded wait per
 * round, never a thread of the service's calls.
 */
public final class KafkaChangePublisher implements ChangePublisher {
    /** How long a batch may take from its first send to its last acknowledgement. */
    static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(6);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
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
            }
            List<Future<RecordMetadata>> sent = new ArrayList<>(changes.size());
            for (RelayedChange change : changes) {
                sent.add(producer.send(StandingChangeRecords.record(topic, change)));
            }
            producer.flush();
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
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.CLIENT_ID_CONFIG, "anchor-health-feed-relay",
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.LINGER_MS_CONFIG, (int) LINGER.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis(),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) DELIVERY_TIMEOUT.toMillis(),
                // Waiting for the topic's metadata while the broker is down.
                ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) REQUEST_TIMEOUT.toMillis());
    }
}
