package com.anchorhealth.bench;

import com.anchorhealth.adapter.persistence.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.SplittableRandom;
import java.util.function.IntFunction;

/**
 * Registers many anchors straight into a freshly migrated store, in JDBC batches: the anchors row
 * (the score projection the standing index loads) and the INITIAL ledger entry, as UpsertAnchor would
 * write them, minus the outbox row and the idempotency key. About 10% of the anchors get a lower
 * score (projection only), so that the index and the decisions see a mix of tiers.
 */
public final class BulkAnchors {
    static final int BATCH = 5_000;

    private BulkAnchors() {
    }

    public static String anchorId(long index) {
        return "anchor-" + index;
    }

    public static void insert(Database database, int count, boolean withLedger) {
        insert(database, count, withLedger, i -> null);
    }

    /** The same, each anchor in the guild {@code guildOf} names (null: none). */
    static void insert(Database database, int count, boolean withLedger, IntFunction<String> guildOf) {
        database.dsl().connection(connection -> insert(connection, count, withLedger, guildOf));
    }

    private static void insert(Connection connection, int count, boolean withLedger, IntFunction<String> guildOf)
            throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        long now = System.currentTimeMillis();
        SplittableRandom random = new SplittableRandom(42);
        try (PreparedStatement anchors = connection.prepareStatement("INSERT INTO anchors (anchor_id, display_name,"
                + " certification, anchor_level, fan_count, average_viewers, guild_id, initial_score, score,"
                + " ledger_seq, last_violation_at, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)");
             PreparedStatement ledger = connection.prepareStatement("INSERT INTO score_events (anchor_id, seq, kind,"
                     + " delta, score_after, violation_id, recorded_at, actor) VALUES (?,?,?,?,?,?,?,?)")) {
            for (int i = 0; i < count; i++) {
                String id = anchorId(i);
                boolean lowered = !withLedger && random.nextInt(10) == 0;
                int score = lowered ? random.nextInt(100) : 100;
                anchors.setString(1, id);
                anchors.setString(2, "Anchor " + i);
                anchors.setString(3, "NONE");
                anchors.setInt(4, 1);
                anchors.setLong(5, 0);
                anchors.setLong(6, 0);
                String guild = guildOf.apply(i);
                if (guild == null) {
                    anchors.setNull(7, java.sql.Types.VARCHAR);
                } else {
                    anchors.setString(7, guild);
                }
                anchors.setInt(8, 100);
                anchors.setInt(9, score);
                anchors.setInt(10, 1);
                if (lowered) {
                    anchors.setLong(11, now - random.nextInt(1_000_000_000));
                } else {
                    anchors.setNull(11, java.sql.Types.BIGINT);
                }
                anchors.setLong(12, now);
                anchors.setLong(13, now);
                anchors.addBatch();
                if (withLedger) {
                    ledger.setString(1, id);
                    ledger.setInt(2, 1);
                    ledger.setString(3, "INITIAL");
                    ledger.setInt(4, 100);
                    ledger.setInt(5, 100);
                    ledger.setNull(6, java.sql.Types.VARCHAR);
                    ledger.setLong(7, now);
                    ledger.setString(8, "bench");
                    ledger.addBatch();
                }
                if ((i + 1) % BATCH == 0 || i == count - 1) {
                    anchors.executeBatch();
                    if (withLedger) {
                        ledger.executeBatch();
                    }
                    connection.commit();
                }
            }
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }
}
