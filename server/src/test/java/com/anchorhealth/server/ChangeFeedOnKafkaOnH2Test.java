package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.DatabaseSettings;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/**
 * The embedded default, one instance: H2 admits one process to its data directory, so two instances
 * relaying in turn run on MariaDB only.
 */
class ChangeFeedOnKafkaOnH2Test extends ChangeFeedOnKafkaContract {
    @TempDir
    Path dataDir;

    @Override
    List<String> storeFlags() {
        return List.of("--data-dir", dataDir.toString());
    }

    @Override
    Connection openStore() throws SQLException {
        return DriverManager.getConnection(DatabaseSettings.embeddedUrl(dataDir) + ";MODE=MySQL;DATABASE_TO_LOWER=TRUE",
                "sa", "");
    }
}
