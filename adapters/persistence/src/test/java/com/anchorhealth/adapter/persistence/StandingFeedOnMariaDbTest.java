package com.anchorhealth.adapter.persistence;

import org.junit.jupiter.api.BeforeAll;

class StandingFeedOnMariaDbTest extends StandingFeedContract {
    @BeforeAll
    static void openDatabase() {
        database = new Database(new DatabaseSettings(MariaDbForTests.freshDatabase("anchor_health_feed"),
                MariaDbForTests.USER, MariaDbForTests.PASSWORD));
        database.migrate();
    }
}
