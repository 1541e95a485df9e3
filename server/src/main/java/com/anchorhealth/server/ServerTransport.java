package com.anchorhealth.server;

import io.grpc.ServerBuilder;

/** Where the server listens: the network in production, an in-process channel in tests. */
interface ServerTransport {
    ServerBuilder<?> builder();

    /** Where a started server listens, for the log, given the port it got. */
    String describe(int boundPort);
}
