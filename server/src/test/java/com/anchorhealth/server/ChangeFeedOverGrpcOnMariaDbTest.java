package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.MariaDbForTests;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;

class ChangeFeedOverGrpcOnMariaDbTest extends ChangeFeedOverGrpcContract {
    @BeforeAll
    static void startServers() throws IOException {
        startTwoServers(MariaDbForTests.freshDatabase("anchor_health_feed_e2e"), MariaDbForTests.USER,
                MariaDbForTests.PASSWORD);
    }
}
