package com.anchorhealth.adapter.kafka;

import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.api.v1.ThresholdWarning;
import com.anchorhealth.api.v1.Tier;
import com.anchorhealth.application.feed.FeedCursors;
import com.anchorhealth.application.port.out.feed.RelayedChange;
import com.anchorhealth.application.write.AnchorNames;
import com.google.protobuf.Timestamp;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;

import java.nio.charset.StandardCharsets;

/**
 * A relayed change as a Kafka record: keyed by anchor id, the value the {@code StandingChange} message
 * that {@code WatchStandingChanges} sends (its cursor resumes a watch right after it), the feed position
 * and the policy version as decimal headers, so that a consumer can drop repeats without parsing the value.
 */
final class StandingChangeRecords {
    static final String POSITION_HEADER = "anchorhealth-feed-position";
    static final String POLICY_VERSION_HEADER = "anchorhealth-policy-version";
    static final String CONTENT_TYPE_HEADER = "content-type";
    static final String CONTENT_TYPE = "application/x-protobuf; messageType=anchorhealth.v1.StandingChange";

    private StandingChangeRecords() {
    }

    static ProducerRecord<String, byte[]> record(String topic, RelayedChange relayed) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(POSITION_HEADER, decimal(relayed.position()));
        headers.add(POLICY_VERSION_HEADER, decimal(relayed.policyVersion()));
        headers.add(CONTENT_TYPE_HEADER, CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topic, null, relayed.change().anchorId().value(), message(relayed).toByteArray(),
                headers);
    }

    static StandingChange message(RelayedChange relayed) {
        var change = relayed.change();
        StandingChange.Builder builder = StandingChange.newBuilder()
                .setCursor(FeedCursors.of(relayed.position()))
                .setAnchorId(change.anchorId().value())
                .setOldScore(change.oldScore())
                .setNewScore(change.newScore())
                .setOldTier(Tier.valueOf(change.oldTier().name()))
                .setNewTier(Tier.valueOf(change.newTier().name()))
                .setCause(StandingChange.Cause.valueOf(change.cause().name()))
                .setViolation(change.violationId().map(id -> AnchorNames.violation(change.anchorId(), id)).orElse(""))
                .setAnchorSequence(change.anchorSequence())
                .setChangeTime(Timestamp.newBuilder().setSeconds(change.createdAt().getEpochSecond())
                        .setNanos(change.createdAt().getNano()));
        change.deniedCapabilities().stream().sorted()
                .forEach(capability -> builder.addDeniedCapabilities(Capability.valueOf(capability.name())));
        relayed.warning().ifPresent(warning -> builder.setWarning(ThresholdWarning.newBuilder()
                .setNextTierDown(Tier.valueOf(warning.nextTierDown().name()))
                .setThreshold(warning.threshold())
                .setPointsToNextThreshold(warning.pointsToNextThreshold())));
        return builder.build();
    }

    private static byte[] decimal(long value) {
        return Long.toString(value).getBytes(StandardCharsets.US_ASCII);
    }
}
