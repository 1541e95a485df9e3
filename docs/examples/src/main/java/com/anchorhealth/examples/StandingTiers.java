package com.anchorhealth.examples;

import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.api.v1.Tier;
import com.google.protobuf.InvalidProtocolBufferException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * Every anchor's tier, kept from the service's topic on Kafka ({@code --kafka-topic}, default
 * {@code anchorhealth.standing-changes.v1}) instead of a stream to the service. The relay publishes each
 * change at least once: after a restart of the service or of a broker a change may come again, always
 * behind the changes of its anchor before it. So a record at or below the last position applied for its
 * anchor is a repeat, and is dropped. The topic is read from its start on every start, with
 * {@code isolation.level=read_committed}: the relay publishes in transactions, and a batch it aborted
 * is published again whole.
 */
public final class StandingTiers {
    /** The header that carries a change's feed position, in decimal. */
    public static final String POSITION_HEADER = "anchorhealth-feed-position";

    private final Map<String, Tier> tiers = new ConcurrentHashMap<>();
    private final Map<String, Long> appliedThrough = new HashMap<>();

    /**
     * What a consumer of the topic sets: committed records only; an offset the broker no longer (or not
     * yet) has, as after a broker's restart, is read again from the start rather than skipped to the end;
     * keys and values as the relay writes them.
     */
    public static Map<String, Object> consumerSettings(String bootstrapServers) {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    }

    /** Reads every partition of {@code topic} from its start, applying each record, while {@code running}. */
    public void follow(Consumer<String, byte[]> consumer, String topic, BooleanSupplier running) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(partition -> new TopicPartition(topic, partition.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        while (running.getAsBoolean()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                apply(position(record), parse(record.value()));
            }
        }
    }

    /** Applies a change at its feed position; returns false, changing nothing, for a repeat. */
    public synchronized boolean apply(long position, StandingChange change) {
        Long applied = appliedThrough.get(change.getAnchorId());
        if (applied != null && position <= applied) {
            return false;
        }
        appliedThrough.put(change.getAnchorId(), position);
        tiers.put(change.getAnchorId(), change.getNewTier());
        return true;
    }

    public Optional<Tier> tier(String anchorId) {
        return Optional.ofNullable(tiers.get(anchorId));
    }

    public static long position(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader(POSITION_HEADER);
        return Long.parseLong(new String(header.value(), StandardCharsets.US_ASCII));
    }

    private static StandingChange parse(byte[] value) {
        try {
            return StandingChange.parseFrom(value);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("not a StandingChange on the topic", e);
        }
    }
}
