package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.anchor.AnchorChanges;
import com.anchorhealth.application.port.out.anchor.NewViolation;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.violation.ViolationState;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static com.anchorhealth.adapter.persistence.jooq.Tables.ANCHORS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.VIOLATIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PersistenceOnMariaDbTest extends PersistenceContract {
    private static String url;

    @BeforeAll
    static void openDatabase() {
        url = MariaDbForTests.freshDatabase("anchor_health_persistence");
        database = new Database(new DatabaseSettings(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD));
        database.migrate();
    }

    /**
     * A write that committed in its own round trip spares its transaction the commit that would find
     * nothing to commit, and only that one: a statement made after it is committed as ever. On one
     * connection, so that its session's count of commits is the transactions'.
     */
    @Test
    void aWriteThatCommittedInItsRoundTripIsNotCommittedAgainButAStatementAfterItIs() {
        Database oneConnection = new Database(new DatabaseSettings(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD,
                1, DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT));
        try {
            DSLContext dsl = oneConnection.dsl();
            JooqTransactions transactions = new JooqTransactions(dsl);
            new JooqAnchors(dsl).insert(anchor("mia", 100, Optional.empty()));
            long before = transactions.inTransaction(() -> {
                long commits = sessionCommits(dsl);
                writeLast(dsl, "v1", 2);
                return commits;
            });
            assertEquals(1, transactions.inTransaction(() -> sessionCommits(dsl)) - before,
                    "the write's own COMMIT, and no other");

            transactions.inTransaction(() -> {
                writeLast(dsl, "v2", 3);
                new JooqAnchors(dsl).insert(anchor("leo", 100, Optional.empty()));
                return null;
            });
            assertEquals(1, database.dsl().fetchCount(ANCHORS, ANCHORS.ANCHOR_ID.eq("leo")),
                    "committed by the transaction's commit");
        } finally {
            oneConnection.close();
        }
    }

    /**
     * On a Galera node the write's round trip commits nothing: a replicated write that aborts the
     * transaction while the node runs the write's statements fails the statement running then, and the
     * node runs the ones after it in a new transaction, which a COMMIT among them would commit. The
     * transaction's own commit commits the write.
     */
    @Test
    void onAGaleraNodeTheWriteLeavesItsCommitToItsTransaction() {
        String galera = "jdbc:mysql://" + GaleraForTests.nodes().get(0) + "/"
                + GaleraForTests.freshDatabase("anchor_health_persistence_galera");
        Database oneConnection = new Database(new DatabaseSettings(galera, MariaDbForTests.USER,
                MariaDbForTests.PASSWORD, 1, DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT));
        try {
            oneConnection.migrate();
            DSLContext dsl = oneConnection.dsl();
            new JooqAnchors(dsl).insert(anchor("mia", 100, Optional.empty()));
            long commitsOfTheWrite = new JooqTransactions(dsl).inTransaction(() -> {
                long before = sessionCommits(dsl);
                writeLast(dsl, "v1", 2);
                return sessionCommits(dsl) - before;
            });
            assertEquals(0, commitsOfTheWrite, "no COMMIT in the write's round trip");
            assertEquals(1, dsl.fetchCount(VIOLATIONS, VIOLATIONS.VIOLATION_ID.eq("v1")),
                    "committed by the transaction's commit");
        } finally {
            oneConnection.close();
        }
    }

    private static void writeLast(DSLContext dsl, String violationId, int sequence) {
        NewViolation recorded = new NewViolation(atSequence(violation(violationId, "mia", Optional.empty(), false,
                ViolationState.ACTIVE), sequence), "moderation", "f".repeat(64),
                new StandingFacts(100 - sequence, 100, Optional.of(T0), false, HeldSessions.NONE));
        new JooqAnchorChanges(dsl).writeLast(new AnchorChanges.Written(List.of(recorded), List.of(deductionOf(recorded)),
                List.of(), List.of()), T0);
    }

    private static long sessionCommits(DSLContext dsl) {
        return Long.parseLong(dsl.fetchSingle("SHOW SESSION STATUS LIKE 'Com_commit'").get(1, String.class));
    }
}
