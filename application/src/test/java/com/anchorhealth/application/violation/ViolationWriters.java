package com.anchorhealth.application.violation;

import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.guild.GuildPenalties;

/** Builds the violation write path over a fixture's ports, as the wiring does: its parts are package-private. */
public final class ViolationWriters {
    private ViolationWriters() {
    }

    public static ViolationWriter over(Ports ports) {
        return new ViolationWriter(ports.transactions, ports.changes,
                new ViolationRetries(ports.violations, ports.standings),
                new ViolationPricing(ports.policies, ports.ids, ports.standingChanges(), ports.clock),
                new GuildPenalties(ports.guilds, ports.anchors, ports.notices, ports.ids, ports.policies),
                new ViolationPublisher(ports.index, ports.publishedHere, ports.metrics, ports.commits));
    }
}
