package com.anchorhealth.server;

import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.util.Optional;
import java.util.UUID;

class BackOfficeOverGrpcOnH2Test extends BackOfficeOverGrpcContract {
    @BeforeAll
    static void startServer() throws IOException {
        server = RunningServer.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "",
                Optional.empty());
    }
}
