package com.anchorhealth.adapter.persistence;

import org.junit.jupiter.api.BeforeAll;

/**
 * The contract where MariaDB cuts every anchor's text of violations short (its least
 * {@code group_concat_max_len}, 4 bytes, as a history too long for the default 1 MiB is cut): each
 * is read again on its own, and the simulation answers the same.
 */
class SimulationOfLongHistoriesOnMariaDbTest extends SimulationContract {
    @BeforeAll
    static void openDatabase() {
        database = new Database(new DatabaseSettings(MariaDbForTests.freshDatabase("anchor_health_simulation_cut")
                + "?sessionVariables=group_concat_max_len=4", MariaDbForTests.USER, MariaDbForTests.PASSWORD));
        database.migrate();
    }
}
