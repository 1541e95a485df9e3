package com.anchorhealth.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;
import java.util.Locale;

/**
 * {@code GET /health} on the admin port: how far behind this instance's checks and the relay to Kafka
 * are, in changes and in seconds, as one JSON object for a person or a probe (the same figures as the
 * gauges of /metrics, read from them). {@code kafka_relay} is null without --kafka-bootstrap-servers;
 * its {@code status} turns {@code LAGGING} past {@link #RELAY_LAGGING}, the alert's threshold in
 * OPERATIONS.md.
 */
final class HealthDetails {
    static final Duration RELAY_LAGGING = Duration.ofSeconds(30);

    private final MeterRegistry registry;

    HealthDetails(MeterRegistry registry) {
        this.registry = registry;
    }

    String json() {
        String relay = "null";
        Gauge relayLag = registry.find("anchorhealth.feed.relay.lag").gauge();
        if (relayLag != null) {
            double lagSeconds = gauge("anchorhealth.feed.relay.lag.time");
            relay = String.format(Locale.ROOT, "{\"status\":\"%s\",\"holding\":%b,\"lag_changes\":%d,\"lag_seconds\":%.3f}",
                    lagSeconds > RELAY_LAGGING.toSeconds() ? "LAGGING" : "KEEPING_UP",
                    gauge("anchorhealth.feed.relay.holding") == 1, (long) relayLag.value(), lagSeconds);
        }
        return String.format(Locale.ROOT, "{\"feed_lag_changes\":%d,\"kafka_relay\":%s}%n",
                (long) gauge("anchorhealth.feed.lag"), relay);
    }

    /** The gauge's value; 0 before it is registered (the server registers its gauges as it starts). */
    private double gauge(String name) {
        Gauge gauge = registry.find(name).gauge();
        return gauge == null ? 0 : gauge.value();
    }
}
