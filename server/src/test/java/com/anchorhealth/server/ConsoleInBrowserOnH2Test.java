package com.anchorhealth.server;

import org.junit.jupiter.api.BeforeAll;

import java.io.IOException;
import java.util.UUID;

class ConsoleInBrowserOnH2Test extends ConsoleInBrowserContract {
    @BeforeAll
    static void start() throws IOException {
        server = RunningServer.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", TestResources.TOKENS);
        openConsole("h2");
    }
}
