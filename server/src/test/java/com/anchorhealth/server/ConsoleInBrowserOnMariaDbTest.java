package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.MariaDbForTests;
import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;

class ConsoleInBrowserOnMariaDbTest extends ConsoleInBrowserContract {
    @BeforeAll
    static void start() throws IOException {
        server = RunningServer.start(MariaDbForTests.freshDatabase("anchor_health_console"), MariaDbForTests.USER,
                MariaDbForTests.PASSWORD, TestResources.TOKENS);
        openConsole("mariadb");
    }
}
