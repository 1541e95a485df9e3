package com.anchorhealth.adapter.persistence;

import org.junit.jupiter.api.BeforeAll;

class ListPagingOnMariaDbTest extends ListPagingContract {
    @BeforeAll
    static void openDatabase() {
        database = new Database(new DatabaseSettings(MariaDbForTests.freshDatabase("anchor_health_list_paging"),
                MariaDbForTests.USER, MariaDbForTests.PASSWORD));
        database.migrate();
    }
}
