package com.anchorhealth.server;

import java.time.Duration;

/**
 * What one caller may take of the server: how long connections live and idle, how often they are
 * pinged, how many calls one connection carries, how many database calls may wait for a handler
 * thread, how many calls that need no token (health watches, public notices) may be open, how many
 * change feed streams one caller may hold, and how many back office pages may load at once.
 */
public record ServingLimits(
        Duration maxConnectionIdle,
        Duration maxConnectionAge,
        Duration maxConnectionAgeGrace,
        Duration keepAliveTime,
        Duration keepAliveTimeout,
        int maxCallsPerConnection,
        int maxQueuedCalls,
        int maxHealthWatches,
        int maxPublicReads,
        int maxWatchesPerCaller,
        int maxConsolePages) {

    /**
     * Connections idle for 5 minutes are closed (below the 350 s idle timeout of common cloud load
     * balancers, so that the server, not the balancer, ends them cleanly); every connection is
     * renewed after 30 minutes so that new instances get their share; a silent peer is found within
     * 80 s.
     */
    public static final ServingLimits DEFAULTS = new ServingLimits(Duration.ofMinutes(5), Duration.ofMinutes(30),
            Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(20), 200, 128, 100, 8, 64, 4);
}
