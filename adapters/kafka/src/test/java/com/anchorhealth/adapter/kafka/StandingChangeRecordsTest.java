package com.anchorhealth.adapter.kafka;

import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.api.v1.Tier;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.port.out.feed.RelayedChange;
import com.anchorhealth.domain.sanction.ThresholdWarning;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class StandingChangeRecordsTest {
    private static final Instant AT = Instant.parse("2026-03-01T08:00:00.250Z");

    private static RelayedChange relayed(Optional<ThresholdWarning> warning) {
        return new RelayedChange(42, new com.anchorhealth.application.port.out.feed.StandingChange("c42", new AnchorId("mia"),
                7, 64, 58, com.anchorhealth.domain.vocabulary.Tier.NORMAL,
                com.anchorhealth.domain.vocabulary.Tier.RESTRICTED,
                Set.of(com.anchorhealth.domain.vocabulary.Capability.PK),
                ChangeCause.VIOLATION_RECORDED, Optional.of("v9"), AT), 3, warning);
    }

    @Test
    void aRecordIsKeyedByAnchorAndCarriesItsPositionPolicyVersionAndContentType() throws Exception {
        ProducerRecord<String, byte[]> record = StandingChangeRecords.record("standing", relayed(Optional.empty()));

        assertEquals("standing", record.topic());
        assertEquals("mia", record.key());
        assertEquals("42", header(record, "anchorhealth-feed-position"));
        assertEquals("3", header(record, "anchorhealth-policy-version"));
        assertEquals("application/x-protobuf; messageType=anchorhealth.v1.StandingChange", header(record, "content-type"));
        assertEquals(StandingChangeRecords.message(relayed(Optional.empty())), StandingChange.parseFrom(record.value()));
    }

    @Test
    void theValueIsTheStandingChangeAWatchSendsWithItsCursor() {
        StandingChange message = StandingChangeRecords.message(relayed(Optional.of(new ThresholdWarning(
                com.anchorhealth.domain.vocabulary.Tier.SEVERELY_RESTRICTED, 55, 3))));

        assertEquals("f1:42", new String(Base64.getUrlDecoder().decode(message.getCursor()), StandardCharsets.UTF_8),
                "the gRPC adapter's cursor: a watch resumes right after this change");
        assertEquals("mia", message.getAnchorId());
        assertEquals(64, message.getOldScore());
        assertEquals(58, message.getNewScore());
        assertEquals(Tier.NORMAL, message.getOldTier());
        assertEquals(Tier.RESTRICTED, message.getNewTier());
        assertEquals(List.of(Capability.PK), message.getDeniedCapabilitiesList());
        assertEquals(StandingChange.Cause.VIOLATION_RECORDED, message.getCause());
        assertEquals("anchors/mia/violations/v9", message.getViolation());
        assertEquals(7, message.getAnchorSequence());
        assertEquals(AT.getEpochSecond(), message.getChangeTime().getSeconds());
        assertEquals(250_000_000, message.getChangeTime().getNanos());
        assertEquals(Tier.SEVERELY_RESTRICTED, message.getWarning().getNextTierDown());
        assertEquals(55, message.getWarning().getThreshold());
        assertEquals(3, message.getWarning().getPointsToNextThreshold());
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
