package com.anchorhealth.server;

import io.grpc.ServerBuilder;
import io.grpc.inprocess.InProcessServerBuilder;

/** Serves the real wiring over an in-process channel, for tests. */
final class InProcessTransport implements ServerTransport {
    private final String name;

    InProcessTransport(String name) {
        this.name = name;
    }

    @Override
    public ServerBuilder<?> builder() {
        return InProcessServerBuilder.forName(name);
    }

    @Override
    public String describe(int boundPort) {
        return "in-process " + name;
    }
}
