package com.anchorhealth.application.violation;

import com.anchorhealth.application.fixtures.Ports;

/** Builds RecordViolation's changes over a fixture's ports, as the wiring does: their parts are package-private. */
public final class ViolationWriters {
    private ViolationWriters() {
    }

    public static ViolationWrites over(Ports ports) {
        return new ViolationWrites(new ViolationPricing(ports.ids, ports.standingChanges()),
                new ViolationRetries(ports.standings), ports.guildPenalties(), ports.metrics);
    }
}
