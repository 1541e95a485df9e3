package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.MariaDbForTests;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.util.Optional;

class BackOfficeOverGrpcOnMariaDbTest extends BackOfficeOverGrpcContract {
    @BeforeAll
    static void startServer() throws IOException {
        server = RunningServer.start(MariaDbForTests.freshDatabase("anchor_health_back_office_e2e"), MariaDbForTests.USER,
                MariaDbForTests.PASSWORD, Optional.empty());
    }
}
