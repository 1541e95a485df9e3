package com.anchorhealth.server;

import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.util.UUID;

/** Both servers open the same named in-memory database of this JVM. */
class ChangeFeedOverGrpcOnH2Test extends ChangeFeedOverGrpcContract {
    @BeforeAll
    static void startServers() throws IOException {
        startTwoServers("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }
}
