package com.anchorhealth.server;

import com.anchorhealth.application.port.out.DomainMetrics;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.domain.appeal.AppealDecision;
import com.anchorhealth.domain.violation.RecordedViolation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.List;

/**
 * The domain's counters and group commit's shape, in Micrometer. Tier transitions are counted from
 * the change feed, which every instance reads whole: each instance reports the whole service's
 * transitions, so dashboards take the max over instances, not the sum.
 */
final class MicrometerDomainMetrics implements DomainMetrics {
    private final MeterRegistry registry;
    private final Counter guildRemovals;
    private final DistributionSummary groupCalls;
    private final Timer groupWait;

    MicrometerDomainMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.guildRemovals = Counter.builder("anchorhealth.guild.removals")
                .description("Guilds removed on reaching the removal line, by this instance").register(registry);
        this.groupCalls = DistributionSummary.builder("anchorhealth.group.commit.calls")
                .description("RecordViolation calls sharing one transaction").serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64)
                .register(registry);
        this.groupWait = Timer.builder("anchorhealth.group.commit.wait")
                .description("How long the first call of a shared transaction waited for a writer")
                .serviceLevelObjectives(MetricsModule.LATENCY_BUCKETS).register(registry);
    }

    @Override
    public void violationsRecorded(List<RecordedViolation> violations) {
        for (RecordedViolation violation : violations) {
            Counter.builder("anchorhealth.violations.recorded")
                    .description("Violations recorded by this instance, by type, severity and state")
                    .tag("type", violation.report().violationType()).tag("severity", violation.severity().name())
                    .tag("state", violation.state().name()).register(registry).increment();
        }
    }

    @Override
    public void standingChanged(StandingChange change) {
        if (change.oldTier() != change.newTier()) {
            Counter.builder("anchorhealth.tier.transitions")
                    .description("Tier changes seen on the change feed (the whole service's), by from and to")
                    .tag("from", change.oldTier().name()).tag("to", change.newTier().name()).register(registry)
                    .increment();
        }
    }

    @Override
    public void guildRemoved() {
        guildRemovals.increment();
    }

    @Override
    public void appealDecided(AppealDecision decision) {
        Counter.builder("anchorhealth.appeals.decided").description("Appeals decided by this instance, by decision")
                .tag("decision", decision.name()).register(registry).increment();
    }

    @Override
    public void groupWritten(int calls, Duration oldestWait) {
        groupCalls.record(calls);
        groupWait.record(oldestWait);
    }
}
