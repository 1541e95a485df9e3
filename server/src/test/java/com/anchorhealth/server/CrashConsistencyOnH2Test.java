package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.DatabaseSettings;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** The embedded default: {@code --data-dir} and nothing else, as a new user runs it. */
class CrashConsistencyOnH2Test extends CrashConsistencyContract {
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
