package com.anchorhealth.adapter.persistence;

import org.junit.jupiter.api.BeforeAll;

class SimulationOnMariaDbTest extends SimulationContract {
    @BeforeAll
    static void openDatabase() {
        database = new Database(new DatabaseSettings(MariaDbForTests.freshDatabase("anchor_health_simulation"),
                MariaDbForTests.USER, MariaDbForTests.PASSWORD));
        database.migrate();
    }
}
