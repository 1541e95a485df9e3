package com.anchorhealth.server;

import com.anchorhealth.adapter.access.MethodRoles;
import com.anchorhealth.adapter.persistence.Database;
import com.anchorhealth.api.v1.AccessProto;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.anchorhealth.application.write.GroupCommit;
import com.google.protobuf.Descriptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * Health per service: the services that need the database report NOT_SERVING while it cannot be
 * reached, and SERVING again by themselves when it answers; ViolationService also while its
 * group-commit writers are not all running. CapabilityService answers from memory, so it (and the
 * server as a whole, the empty service name) keeps serving.
 */
final class DatabaseHealth {
    private static final Logger LOG = Logger.getLogger(DatabaseHealth.class.getName());
    /** The services that do not declare, in the contract, that they answer from memory. */
    static final List<String> DATABASE_SERVICES = MethodRoles.contractServices().stream()
            .filter(service -> !service.getOptions().getExtension(AccessProto.dependency).getAnswersFromMemory())
            .map(Descriptors.ServiceDescriptor::getFullName).toList();
    static final List<String> MEMORY_SERVICES = MethodRoles.contractServices().stream()
            .map(Descriptors.ServiceDescriptor::getFullName).filter(service -> !DATABASE_SERVICES.contains(service))
            .toList();
    static final Duration PROBE_INTERVAL = Duration.ofSeconds(1);

    private final Database database;
    private final GroupCommit groupCommit;
    private final HealthStatusManager health;
    private final PeriodicTask prober;
    /** Null until the first report, so that the start is not logged as a change. */
    private Boolean reachable;
    private boolean writersRunning = true;

    @Inject
    DatabaseHealth(Database database, GroupCommit groupCommit, HealthStatusManager health) {
        this.database = database;
        this.groupCommit = groupCommit;
        this.health = health;
        this.prober = new PeriodicTask("database-health", () -> report(database.isReachable()), PROBE_INTERVAL,
                PROBE_INTERVAL);
    }

    /** Called once the server serves; the database answered the migration just before. */
    synchronized void start() {
        health.setStatus("", ServingStatus.SERVING);
        MEMORY_SERVICES.forEach(service -> health.setStatus(service, ServingStatus.SERVING));
        report(true);
        prober.start();
    }

    void stop() {
        prober.stop();
    }

    /** Sets every database service's status each round; health tells its watchers of changes only. */
    private synchronized void report(boolean nowReachable) {
        boolean nowWriting = groupCommit.writersRunning();
        if (reachable != null && reachable != nowReachable) {
            LOG.warning(nowReachable ? "database " + database.describe() + " answers again: writes resume"
                    : "database " + database.describe() + " cannot be reached: writes answer UNAVAILABLE,"
                    + " checks answer from memory");
        }
        if (nowWriting != writersRunning) {
            LOG.severe(nowWriting ? "the group-commit writers run again" : "a group-commit writer stopped: "
                    + "RecordViolation cannot be served, ViolationService reports NOT_SERVING");
        }
        reachable = nowReachable;
        writersRunning = nowWriting;
        for (String service : DATABASE_SERVICES) {
            boolean serving = nowReachable && (nowWriting || !service.equals(ViolationServiceGrpc.SERVICE_NAME));
            health.setStatus(service, serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
        }
    }
}
