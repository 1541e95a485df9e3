package com.anchorhealth.bench;

import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.anchorhealth.server.BenchServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;

import static com.anchorhealth.bench.Stats.say;

/**
 * Benchmark 6: a write costs the same in a large store as in an empty one. Two servers in this JVM,
 * each on its own MariaDB database: one seeded set-based with {@code --anchors} anchors and
 * {@code --per-anchor} violations each (1M and 10, so 10M, by default), one with a few anchors and no
 * violations. Single RecordViolation calls to random anchors alternate between the two servers, one
 * caller, and each repetition compares the medians. The large store is seeded once and reused by
 * later runs (the seeding takes minutes; {@code --reseed} forces it).
 */
final class StoreSizeBench {
    /** Anchors per INSERT ... SELECT: a transaction MariaDB's default log file takes in its stride. */
    static final int SEED_CHUNK = 50_000;
    private static final String DIGITS = "(SELECT 0 d UNION ALL SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3 "
            + "UNION ALL SELECT 4 UNION ALL SELECT 5 UNION ALL SELECT 6 UNION ALL SELECT 7 UNION ALL SELECT 8 "
            + "UNION ALL SELECT 9)";
    /** The numbers 0 to 9,999,999 as a derived table of one column, {@code n}: seeds filter it by range. */
    static final String NUMBERS = "(SELECT a.d + 10 * b.d + 100 * c.d + 1000 * e.d + 10000 * f.d + 100000 * g.d "
            + "+ 1000000 * h.d AS n FROM " + DIGITS + " a, " + DIGITS + " b, " + DIGITS + " c, " + DIGITS
            + " e, " + DIGITS + " f, " + DIGITS + " g, " + DIGITS + " h)";

    private StoreSizeBench() {
    }

    static void run(Args args) throws Exception {
        String largeUrl = args.string("large-url", "jdbc:mariadb://127.0.0.1:3306/anchor_health_bench_large");
        String emptyUrl = args.string("empty-url", "jdbc:mariadb://127.0.0.1:3306/anchor_health_bench_empty");
        String user = args.string("user", "root");
        String password = args.string("password", "");
        int anchors = args.integer("anchors", 1_000_000);
        int perAnchor = args.integer("per-anchor", 10);
        int calls = args.integer("calls", 1000);
        int reps = args.integer("reps", 3);
        boolean reseed = args.string("reseed", "no").equals("yes");

        String large = jdbcUrl(largeUrl);
        boolean seeded = !reseed && anchorCount(large, user, password) == anchors;
        if (!seeded) {
            large = WriteBench.recreateDatabase(largeUrl, user, password);
        }
        String empty = WriteBench.recreateDatabase(emptyUrl, user, password);
        long started = System.nanoTime();
        String largeStore = large;
        try (BenchServer big = BenchServer.start(largeStore, user, password, db -> {
                 if (!seeded) {
                     db.dsl().connection(connection -> seed(connection, anchors, perAnchor));
                 }
             });
             BenchServer small = BenchServer.start(empty, user, password, db -> BulkAnchors.insert(db, 100, true));
             Channels toBig = new Channels(big.port(), 1);
             Channels toSmall = new Channels(small.port(), 1)) {
            say("# large store: %d anchors with %d violations each (%s), index loaded, in %.0f s; "
                            + "empty store: 100 anchors, no violations", big.anchorsLoaded(), perAnchor,
                    seeded ? "seeded by an earlier run" : "seeded now", (System.nanoTime() - started) / 1e9);
            ViolationServiceGrpc.ViolationServiceBlockingStub bigStub = ViolationServiceGrpc.newBlockingStub(
                    toBig.get(0));
            ViolationServiceGrpc.ViolationServiceBlockingStub smallStub = ViolationServiceGrpc.newBlockingStub(
                    toSmall.get(0));
            SplittableRandom random = new SplittableRandom();
            String run = Long.toString(System.currentTimeMillis(), 36);
            double ratio = AlternatingCalls.compare("large store",
                    i -> bigStub.recordViolation(violation(run + "-large-" + i, random.nextInt(anchors))),
                    "empty store", i -> smallStub.recordViolation(violation(run + "-empty-" + i, random.nextInt(100))),
                    calls, reps);
            say("%nRESULT store-size: RecordViolation p50 with %d anchors and %d violations stored / empty store = "
                    + "%.2f (median of %d reps; target within 10%%)", anchors, (long) anchors * perAnchor,
                    ratio, reps);
        }
    }

    /**
     * Set-based: each chunk of anchors is one INSERT ... SELECT per table over a generated sequence,
     * rows consistent with one another as the service writes them (each violation its own ledger entry;
     * a MINOR violation of a level-1 anchor costs 1 point, so each anchor stands at 100 - perAnchor with
     * a ledger that folds to it).
     */
    static void seed(Connection connection, int anchors, int perAnchor) throws SQLException {
        long now = System.currentTimeMillis();
        long started = System.nanoTime();
        String perAnchorRows = "(SELECT a.d + 10 * b.d AS k FROM " + DIGITS + " a, " + DIGITS + " b WHERE a.d + 10 * b.d < "
                + perAnchor + ")";
        try (Statement statement = connection.createStatement()) {
            for (int from = 0; from < anchors; from += SEED_CHUNK) {
                String range = " WHERE s.n >= " + from + " AND s.n < " + Math.min(anchors, from + SEED_CHUNK);
                statement.execute("INSERT INTO anchors (anchor_id, display_name, certification, anchor_level, fan_count,"
                        + " average_viewers, guild_id, initial_score, score, ledger_seq, last_violation_at, created_at,"
                        + " updated_at, selling_revocations, held_sessions, clean_since)"
                        + " SELECT CONCAT('anchor-', s.n), CONCAT('Anchor ', s.n), 'NONE', 1, 0, 0, NULL, 100, "
                        + (100 - perAnchor) + ", " + (1 + perAnchor) + ", " + now + ", " + now + ", " + now + ", 0, NULL, "
                        + now + " FROM " + NUMBERS + " s" + range);
                statement.execute("INSERT INTO score_events (anchor_id, seq, kind, delta, score_after, violation_id,"
                        + " recorded_at, actor) SELECT CONCAT('anchor-', s.n), 1, 'INITIAL', 100, 100, NULL, " + now
                        + ", 'seed' FROM " + NUMBERS + " s" + range);
                statement.execute("INSERT INTO violations (anchor_id, violation_id, request_id, violation_type, severity,"
                        + " revokes_selling, occurred_at, recorded_at, live_session_id, source, evidence_refs, base_points,"
                        + " surcharge_points, points, policy_version, state, no_deduction_reason, ledger_seq, caller,"
                        + " score_after, is_ledger_entry)"
                        + " SELECT CONCAT('anchor-', s.n), CONCAT('seed', LPAD(v.k, 3, '0')), CONCAT('seed-', s.n, '-', v.k),"
                        + " 'VULGAR_LANGUAGE', 'MINOR', FALSE, " + now + ", " + now + ", NULL, 'seed', '', 1, 0, 1, 1,"
                        + " 'ACTIVE', NULL, v.k + 2, 'seed', 99 - v.k, TRUE FROM " + NUMBERS + " s, " + perAnchorRows
                        + " v" + range);
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
                if ((from / SEED_CHUNK) % 4 == 3) {
                    say("# seeded %d of %d anchors, %.0f s", from + SEED_CHUNK, anchors,
                            (System.nanoTime() - started) / 1e9);
                }
            }
        }
    }

    static long anchorCount(String jdbcUrl, String user, String password) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             Statement statement = connection.createStatement();
             ResultSet count = statement.executeQuery("SELECT COUNT(*) FROM anchors")) {
            count.next();
            return count.getLong(1);
        } catch (SQLException e) {
            return -1;
        }
    }

    static String jdbcUrl(String url) {
        return ("jdbc:mysql:" + url.substring(url.indexOf("//"))).replaceAll("[?;].*$", "");
    }

    private static RecordViolationRequest violation(String requestId, int anchor) {
        return RecordViolationRequest.newBuilder().setRequestId(requestId).setAnchorId(BulkAnchors.anchorId(anchor))
                .setViolationType("VULGAR_LANGUAGE").setSource("bench").build();
    }
}
