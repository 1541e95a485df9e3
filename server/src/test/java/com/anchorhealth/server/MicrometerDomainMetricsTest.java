package com.anchorhealth.server;

import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.domain.appeal.AppealDecision;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationReport;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Severity;
import com.anchorhealth.domain.vocabulary.Tier;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MicrometerDomainMetricsTest {
    private static final Instant AT = Instant.parse("2026-11-30T08:00:00Z");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerDomainMetrics metrics = new MicrometerDomainMetrics(registry);

    @Test
    void violationsAreCountedByTypeSeverityAndState() {
        metrics.violationsRecorded(List.of(violation("PORNOGRAPHY", Severity.SEVERE, ViolationState.ACTIVE),
                violation("PORNOGRAPHY", Severity.SEVERE, ViolationState.ACTIVE),
                violation("VULGAR_LANGUAGE", Severity.MINOR, ViolationState.OUT_OF_SCOPE)));

        assertEquals(2, registry.get("anchorhealth.violations.recorded").tags("type", "PORNOGRAPHY",
                "severity", "SEVERE", "state", "ACTIVE").counter().count());
        assertEquals(1, registry.get("anchorhealth.violations.recorded").tags("type", "VULGAR_LANGUAGE",
                "severity", "MINOR", "state", "OUT_OF_SCOPE").counter().count());
    }

    @Test
    void onlyAChangeOfTierIsATransition() {
        metrics.standingChanged(change(Tier.NORMAL, Tier.RESTRICTED));
        metrics.standingChanged(change(Tier.RESTRICTED, Tier.RESTRICTED));

        assertEquals(1, registry.get("anchorhealth.tier.transitions").tags("from", "NORMAL", "to", "RESTRICTED")
                .counter().count());
        assertNull(registry.find("anchorhealth.tier.transitions").tags("from", "RESTRICTED").counter());
    }

    @Test
    void removalsDecisionsAndGroupsAreCounted() {
        metrics.guildRemoved();
        metrics.appealDecided(AppealDecision.OVERTURN);
        metrics.groupWritten(8, Duration.ofMillis(3));
        metrics.groupWritten(2, Duration.ofMillis(1));

        assertEquals(1, registry.get("anchorhealth.guild.removals").counter().count());
        assertEquals(1, registry.get("anchorhealth.appeals.decided").tags("decision", "OVERTURN").counter().count());
        assertEquals(10, registry.get("anchorhealth.group.commit.calls").summary().totalAmount());
        assertEquals(2, registry.get("anchorhealth.group.commit.wait").timer().count());
    }

    private static RecordedViolation violation(String type, Severity severity, ViolationState state) {
        return new RecordedViolation("v-" + type, "r-" + type, new ViolationReport(new AnchorId("mia"), type, AT,
                Optional.empty(), "moderation", List.of()), severity, false, AT, 1, 0, 1, 1, state, Optional.empty(), 2);
    }

    private static StandingChange change(Tier from, Tier to) {
        return new StandingChange("c-1", new AnchorId("mia"), 3, 41, 39, from, to, Set.of(), ChangeCause.VIOLATION_RECORDED,
                Optional.empty(), AT);
    }
}
