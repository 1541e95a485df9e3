package com.anchorhealth.adapter.persistence;

import org.junit.jupiter.api.BeforeAll;

class PersistenceOnMariaDbTest extends PersistenceContract {
    @BeforeAll
    static void openDatabase() {
        database = new Database(new DatabaseSettings(MariaDbForTests.freshDatabase("anchor_health_persistence"),
                MariaDbForTests.USER, MariaDbForTests.PASSWORD));
        database.migrate();
    }
}
