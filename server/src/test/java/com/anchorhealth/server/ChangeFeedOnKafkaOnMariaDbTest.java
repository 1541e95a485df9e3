package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.MariaDbForTests;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

class ChangeFeedOnKafkaOnMariaDbTest extends ChangeFeedOnKafkaContract {
    private final String databaseUrl = MariaDbForTests.freshDatabase("anchor_health_kafka");

    @Override
    List<String> storeFlags() {
        return List.of("--database-url", databaseUrl, "--database-user", MariaDbForTests.USER);
    }

    @Override
    Connection openStore() throws SQLException {
        return DriverManager.getConnection(databaseUrl, MariaDbForTests.USER, MariaDbForTests.PASSWORD);
    }

    @Test
    @Override
    void oneOfTwoInstancesRelaysAndTheOtherTakesOverWhenItDies() throws Exception {
        super.oneOfTwoInstancesRelaysAndTheOtherTakesOverWhenItDies();
    }
}
