package com.anchorhealth.adapter.persistence;

import org.junit.jupiter.api.BeforeAll;

import java.util.UUID;

class SimulationOnH2Test extends SimulationContract {
    @BeforeAll
    static void openDatabase() {
        database = new Database(new DatabaseSettings("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        database.migrate();
    }
}
