package com.anchorhealth.server;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;

import java.util.concurrent.Executor;

/**
 * Calls of the services that use the database run on the bounded pool of blocking handlers; every
 * other call (capability checks from memory, the change feed's subscriptions, health, reflection)
 * stays on the transport thread that read it, so it never queues behind a database call. gRPC
 * looks the executor up on the server's default executor, which therefore must never block.
 */
final class DatabaseCallsOffloaded implements ServerCallExecutorSupplier {
    private final Executor blockingHandlers;

    DatabaseCallsOffloaded(Executor blockingHandlers) {
        this.blockingHandlers = blockingHandlers;
    }

    @Override
    public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
        String service = call.getMethodDescriptor().getServiceName();
        return DatabaseHealth.DATABASE_SERVICES.contains(service) ? blockingHandlers : null;
    }
}
