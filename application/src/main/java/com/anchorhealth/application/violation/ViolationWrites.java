package com.anchorhealth.application.violation;

import com.anchorhealth.application.guild.GuildPenalties;
import com.anchorhealth.application.port.out.DomainMetrics;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Makes RecordViolation's changes, with what each needs to price, charge, count and answer a retry. */
@Singleton
public final class ViolationWrites {
    final ViolationPricing pricing;
    final ViolationRetries retries;
    final GuildPenalties penalties;
    final DomainMetrics metrics;

    @Inject
    ViolationWrites(ViolationPricing pricing, ViolationRetries retries, GuildPenalties penalties,
                    DomainMetrics metrics) {
        this.pricing = pricing;
        this.retries = retries;
        this.penalties = penalties;
        this.metrics = metrics;
    }

    /** A valid command, and who sends it. */
    public ViolationWrite of(RecordViolationCommand command, String actor) {
        return new ViolationWrite(command, actor, this);
    }
}
