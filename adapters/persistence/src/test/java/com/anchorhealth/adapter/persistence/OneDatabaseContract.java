package com.anchorhealth.adapter.persistence;

import org.junit.jupiter.api.AfterAll;

/** A contract run against one database, which each subclass opens in a {@code @BeforeAll}. */
abstract class OneDatabaseContract {
    static Database database;

    @AfterAll
    static void closeDatabase() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
