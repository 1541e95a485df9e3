package com.anchorhealth.examples;

import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.api.v1.Tier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StandingTiersTest {
    private static StandingChange change(String anchorId, Tier tier) {
        return StandingChange.newBuilder().setAnchorId(anchorId).setNewTier(tier).build();
    }

    @Test
    void aRepeatOfAChangeAlreadyAppliedChangesNothing() {
        StandingTiers tiers = new StandingTiers();
        assertTrue(tiers.apply(4, change("mia", Tier.RESTRICTED)));
        assertTrue(tiers.apply(9, change("mia", Tier.NORMAL)));
        assertTrue(tiers.apply(5, change("leo", Tier.REVOKED)), "positions are kept per anchor");

        // The relay restarted after publishing 4 and 9 but before recording them: both come again.
        assertFalse(tiers.apply(4, change("mia", Tier.RESTRICTED)));
        assertFalse(tiers.apply(9, change("mia", Tier.NORMAL)));

        assertEquals(Optional.of(Tier.NORMAL), tiers.tier("mia"));
        assertEquals(Optional.of(Tier.REVOKED), tiers.tier("leo"));
        assertEquals(Optional.empty(), tiers.tier("ava"));
    }

    @Test
    void followsTheTopicFromItsStartReadingThePositionHeader() {
        TopicPartition partition = new TopicPartition("standings", 0);
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
        consumer.updatePartitions("standings", List.of(new PartitionInfo("standings", 0, null, null, null)));
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        StandingTiers tiers = new StandingTiers();
        consumer.schedulePollTask(() -> {
            consumer.addRecord(record(partition, 0, 12, change("mia", Tier.RESTRICTED)));
            consumer.addRecord(record(partition, 1, 12, change("mia", Tier.RESTRICTED)));
            consumer.addRecord(record(partition, 2, 13, change("mia", Tier.SEVERELY_RESTRICTED)));
        });
        int[] polls = {0};

        tiers.follow(consumer, "standings", () -> polls[0]++ < 2);

        assertEquals(Optional.of(Tier.SEVERELY_RESTRICTED), tiers.tier("mia"));
    }

    private static ConsumerRecord<String, byte[]> record(TopicPartition partition, long offset, long position,
                                                         StandingChange change) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(partition.topic(), partition.partition(), offset,
                change.getAnchorId(), change.toByteArray());
        record.headers().add(StandingTiers.POSITION_HEADER, Long.toString(position).getBytes(StandardCharsets.US_ASCII));
        return record;
    }
}
