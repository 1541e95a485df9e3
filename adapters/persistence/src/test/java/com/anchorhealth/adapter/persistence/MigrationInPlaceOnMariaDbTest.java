package com.anchorhealth.adapter.persistence;

import org.junit.jupiter.api.BeforeAll;

class MigrationInPlaceOnMariaDbTest extends MigrationInPlaceContract {
    @BeforeAll
    static void openDatabase() {
        database = new Database(new DatabaseSettings(MariaDbForTests.freshDatabase("anchor_health_migration"),
                MariaDbForTests.USER, MariaDbForTests.PASSWORD));
        writeBeforeHeldSessionsThenMigrate();
    }
}
