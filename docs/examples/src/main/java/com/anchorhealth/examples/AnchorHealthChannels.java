package com.anchorhealth.examples;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;

import java.util.List;
import java.util.Map;

/**
 * How an internal service connects: one long-lived channel per process, balanced over every address
 * the name resolves to, with retries of UNAVAILABLE declared in the service config rather than
 * written around each call.
 */
public final class AnchorHealthChannels {
    /**
     * {@code round_robin} spreads calls over the instances (a single HTTP/2 connection to one instance
     * would otherwise carry them all). CheckCapability, BatchCheckCapabilities and every read are
     * retried on UNAVAILABLE, at most 4 attempts with backoff; mutating calls are safe to retry too,
     * because they carry a request_id, so RecordViolation is listed as well.
     */
    public static final Map<String, Object> SERVICE_CONFIG = Map.of(
            "loadBalancingConfig", List.of(Map.of("round_robin", Map.of())),
            "methodConfig", List.of(Map.of(
                    "name", List.of(
                            Map.of("service", "anchorhealth.v1.CapabilityService", "method", "CheckCapability"),
                            Map.of("service", "anchorhealth.v1.CapabilityService", "method", "BatchCheckCapabilities"),
                            Map.of("service", "anchorhealth.v1.AnchorService", "method", "GetAnchor"),
                            Map.of("service", "anchorhealth.v1.ViolationService", "method", "RecordViolation")),
                    "retryPolicy", Map.of(
                            "maxAttempts", 4.0,
                            "initialBackoff", "0.05s",
                            "maxBackoff", "1s",
                            "backoffMultiplier", 2.0,
                            "retryableStatusCodes", List.of("UNAVAILABLE")))));

    private AnchorHealthChannels() {
    }

    /** A plaintext channel to {@code target}, such as {@code dns:///anchor-health.internal:50051}. */
    public static ManagedChannel open(String target) {
        return configure(ManagedChannelBuilder.forTarget(target).usePlaintext());
    }

    /** Applies the service config to any builder (TLS, bearer tokens and the like are the caller's). */
    public static ManagedChannel configure(ManagedChannelBuilder<?> builder) {
        return builder.defaultServiceConfig(SERVICE_CONFIG).enableRetry().build();
    }
}
