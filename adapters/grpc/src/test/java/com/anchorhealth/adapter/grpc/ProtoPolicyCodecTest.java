package com.anchorhealth.adapter.grpc;

import com.anchorhealth.domain.policy.DefaultPolicy;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.Thresholds;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProtoPolicyCodecTest {
    private final ProtoPolicyCodec codec = new ProtoPolicyCodec();

    @Test
    void theDefaultPolicySurvivesTheStoredDocument() {
        Policy published = DefaultPolicy.candidate().withVersion(3, Instant.parse("2024-01-01T00:00:00Z"));
        String document = codec.encode(published);
        assertTrue(document.contains("\"restricted_below\": 40"), "snake_case names: " + document);
        assertEquals(published, codec.decode(document));
    }

    @Test
    void aPolicyFileKeepsTheDefaultsOfWhatItLeavesOut() {
        Policy read = codec.readPolicyFile("""
                { "thresholds": { "restrictedBelow": 60, "severely_restricted_below": 30, "revoked_below": 1 },
                  "version": 9 }""");
        Policy defaults = DefaultPolicy.candidate();
        assertEquals(new Thresholds(60, 30, 1), read.thresholds());
        assertEquals(0, read.version(), "the version is assigned on publication");
        assertEquals(defaults.violationTypes(), read.violationTypes());
        assertEquals(defaults.deductions(), read.deductions());
        assertEquals(defaults.phases(), read.phases());
        assertEquals(defaults.initialScore(), read.initialScore());
    }

    @Test
    void somethingThatIsNotAPolicyIsRefusedWithItsReason() {
        IllegalArgumentException unknownField = assertThrows(IllegalArgumentException.class,
                () -> codec.readPolicyFile("{\"thresholdz\": {}}"));
        assertTrue(unknownField.getMessage().contains("thresholdz"), unknownField.getMessage());
        assertThrows(IllegalArgumentException.class, () -> codec.readPolicyFile("not json"));
        IllegalArgumentException badSeverity = assertThrows(IllegalArgumentException.class, () -> codec.readPolicyFile(
                "{\"violation_types\": [{\"code\": \"X\", \"display_name\": \"x\"}]}"));
        assertTrue(badSeverity.getMessage().contains("severity"), badSeverity.getMessage());
    }
}
