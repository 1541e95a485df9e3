package com.anchorhealth.server;

import com.google.inject.Injector;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/** The production wiring over real TCP on a loopback port the OS picks, on a fresh in-memory H2 database. */
final class LoopbackServer {
    private LoopbackServer() {
    }

    static AnchorHealthServer start() throws IOException {
        return start(wiring());
    }

    static AnchorHealthServer start(Injector wiring) throws IOException {
        AnchorHealthServer server = wiring.getInstance(AnchorHealthServer.class);
        server.start();
        return server;
    }

    /** The production wiring, to start or to look into. */
    static Injector wiring() {
        Settings settings = new Settings("127.0.0.1", 0, Path.of("unused"),
                Optional.of("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), "sa", "", Optional.empty(),
                Optional.empty(), Optional.empty());
        return Main.create(new ServerModule(settings));
    }
}
