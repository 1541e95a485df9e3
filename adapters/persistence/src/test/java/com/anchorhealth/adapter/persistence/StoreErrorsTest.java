package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.error.StoreConflictException;
import com.anchorhealth.application.error.StoreUnavailableException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each driver's failure means to the application, by SQLState and vendor code as MariaDB and H2 report them. */
class StoreErrorsTest {
    @ParameterizedTest(name = "{0}: SQLState {1}, code {2} is {3}")
    @CsvSource({
            "MariaDB duplicate key, 23000, 1062, conflict",
            "MariaDB duplicate key with name, 23000, 1586, conflict",
            "MariaDB column cannot be null, 23000, 1048, unmapped",
            "MariaDB foreign key fails, 23000, 1452, unmapped",
            "MariaDB deadlock, 40001, 1213, conflict",
            "MariaDB lock wait timeout, HY000, 1205, conflict",
            "MariaDB connection lost, 08S01, 0, unavailable on another connection",
            "Galera node not synced or cut off, 08S01, 1047, unavailable on another connection",
            "MariaDB read-only node, HY000, 1290, unavailable on another connection",
            "Galera certification failure, 40001, 1213, conflict",
            "H2 unique violation, 23505, 23505, conflict",
            "H2 null violation, 23502, 23502, unmapped",
            "H2 check violation, 23513, 23513, unmapped",
            "H2 lock timeout, HYT00, 50200, conflict",
            "H2 deadlock, 40001, 40001, conflict"})
    void failuresMapByWhatTheyMean(String what, String sqlState, int code, String expected) {
        DataAccessException failure = new DataAccessException(what, new SQLException(what, sqlState, code));

        RuntimeException translated = StoreErrors.translate(failure);

        String kind = translated instanceof StoreConflictException ? "conflict"
                : translated instanceof StoreUnavailableException unavailable
                ? unavailable.connectionLost() ? "unavailable on another connection" : "unavailable" : "unmapped";
        assertEquals(expected, kind, what);
    }

    @Test
    void noConnectionFromThePoolIsUnavailableEverywhere() {
        SQLException driver = new SQLException("Communications link failure", "08S01");
        RuntimeException translated = StoreErrors.translate(new DataAccessException("pool",
                new SQLTransientConnectionException("anchor-health - Connection is not available", "08001", driver)));

        assertFalse(assertInstanceOf(StoreUnavailableException.class, translated).connectionLost(),
                "every node is down as far as the pool can tell: retrying at once cannot help");
    }

    @Test
    void aConnectionLeftReadOnlyByAFailOverIsUnavailableOnIt() {
        RuntimeException translated = StoreErrors.translate(new DataAccessException("write", new SQLException(
                "Connection is read-only. Queries leading to data modification are not allowed.", "S1009")));

        assertTrue(assertInstanceOf(StoreUnavailableException.class, translated).connectionLost());
    }
}
