package com.anchorhealth.bench;

import com.anchorhealth.api.v1.BatchRecordViolationsRequest;
import com.anchorhealth.api.v1.ListViolationsRequest;
import com.anchorhealth.api.v1.ListViolationsResponse;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.anchorhealth.server.BenchServer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static com.anchorhealth.bench.Stats.f;
import static com.anchorhealth.bench.Stats.say;

/**
 * Benchmark 9: a page costs what it returns. One server on MariaDB, two anchors: one given
 * {@code --history} violations (through BatchRecordViolations of 1,000), one given {@code --few}.
 * ListViolations pages of {@code --page} (oldest first) are timed against the small anchor's page,
 * alternating, one caller: the long history's first page, then its last (the newest violations),
 * reached with the page token the walk through the history returned. Then, not part of the
 * figures, every statement of a page is counted and timed, and the database explains the one that
 * reads the most.
 */
final class LongPageBench {
    private static final String LONG = BulkAnchors.anchorId(0);
    private static final String SHORT = BulkAnchors.anchorId(1);
    private static final int BATCH = 1000;

    private LongPageBench() {
    }

    static void run(Args args) throws Exception {
        String url = args.string("url", "jdbc:mariadb://127.0.0.1:3306/anchor_health_bench");
        String user = args.string("user", "root");
        String password = args.string("password", "");
        int history = args.integer("history", 20_000);
        int few = args.integer("few", 10);
        int pageSize = args.integer("page", 50);
        int calls = args.integer("calls", 200);
        int reps = args.integer("reps", 3);

        String jdbcUrl = WriteBench.recreateDatabase(url, user, password);
        String counted = jdbcUrl + "?queryInterceptors=" + StatementCounter.class.getName();
        try (BenchServer server = BenchServer.start(counted, user, password, db -> BulkAnchors.insert(db, 2, true));
             Channels channels = new Channels(server.port(), 1)) {
            ViolationServiceGrpc.ViolationServiceBlockingStub stub =
                    ViolationServiceGrpc.newBlockingStub(channels.get(0));
            long seeding = System.nanoTime();
            record(stub, LONG, history);
            record(stub, SHORT, few);
            say("# %s has %d violations, %s has %d (recorded in %.1f s, batches of %d)", LONG, history, SHORT, few,
                    (System.nanoTime() - seeding) / 1e9, BATCH);

            long walking = System.nanoTime();
            String lastPageToken = "";
            int pages = 0;
            int lastPageItems;
            for (String token = ""; ; ) {
                ListViolationsResponse page = list(stub, LONG, pageSize, token);
                pages++;
                if (page.getNextPageToken().isEmpty()) {
                    lastPageToken = token;
                    lastPageItems = page.getViolationsCount();
                    break;
                }
                token = page.getNextPageToken();
            }
            say("# walked %d pages of %d through %s's history in %.1f s; its last page holds %d violations", pages,
                    pageSize, LONG, (System.nanoTime() - walking) / 1e9, lastPageItems);

            String token = lastPageToken;
            String shortName = f("page of %d of the anchor with %d", pageSize, few);
            say("");
            double firstRatio = AlternatingCalls.compare(f("first page of %d of the anchor with %d", pageSize, history),
                    i -> list(stub, LONG, pageSize, ""), shortName, i -> list(stub, SHORT, pageSize, ""), calls, reps);
            say("");
            double lastRatio = AlternatingCalls.compare(f("last (newest) page of %d of the anchor with %d", pageSize,
                            history), i -> list(stub, LONG, pageSize, token), shortName,
                    i -> list(stub, SHORT, pageSize, ""), calls, reps);

            profile("first page, long history", () -> list(stub, LONG, pageSize, ""), calls);
            profile("last page, long history", () -> list(stub, LONG, pageSize, token), calls);
            profile("page of the short history", () -> list(stub, SHORT, pageSize, ""), calls);
            explain(jdbcUrl, user, password, history);

            say("%nRESULT long-page: ListViolations p50, page of %d, anchor with %d / with %d: first page %.2f, "
                    + "last page %.2f (medians of %d reps; target within 20%%)", pageSize, history, few, firstRatio,
                    lastRatio, reps);
        }
    }

    private static void record(ViolationServiceGrpc.ViolationServiceBlockingStub stub, String anchorId, int count) {
        for (int from = 0; from < count; from += BATCH) {
            BatchRecordViolationsRequest.Builder batch = BatchRecordViolationsRequest.newBuilder();
            for (int i = from; i < Math.min(count, from + BATCH); i++) {
                batch.addRequests(RecordViolationRequest.newBuilder().setRequestId(anchorId + "-" + i)
                        .setAnchorId(anchorId).setViolationType(i % 2 == 0 ? "VULGAR_LANGUAGE" : "MISLEADING_TITLE")
                        .setSource("bench"));
            }
            stub.batchRecordViolations(batch.build());
        }
    }

    private static ListViolationsResponse list(ViolationServiceGrpc.ViolationServiceBlockingStub stub,
                                               String anchorId, int pageSize, String token) {
        return stub.listViolations(ListViolationsRequest.newBuilder().setParent("anchors/" + anchorId)
                .setPageSize(pageSize).setPageToken(token).build());
    }

    /** Not a measured figure: each statement of one page, counted and timed from send to answer. */
    private static void profile(String name, Runnable page, int calls) {
        StatementCounter.enable();
        for (int i = 0; i < calls; i++) {
            page.run();
        }
        Map<String, long[]> statements = StatementCounter.disable();
        say("");
        say("# profile (not a measured run): %s, %d calls", name, calls);
        say("| statement | per page | mean µs |");
        say("|---|---|---|");
        statements.forEach((kind, v) -> say("| %s | %.2f | %.0f |", kind, (double) v[0] / calls,
                v[1] / 1000.0 / v[0]));
    }

    /**
     * How the database runs the aggregate a page's standings need (the latest occurrence among the
     * counted violations up to the page's last one), for the long history's last page.
     */
    private static void explain(String jdbcUrl, String user, String password, int history) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, user, password);
             PreparedStatement explain = connection.prepareStatement("EXPLAIN SELECT MAX(occurred_at) FROM violations"
                     + " WHERE anchor_id = ? AND state = 'ACTIVE' AND ledger_seq <= ?")) {
            explain.setString(1, LONG);
            explain.setInt(2, history + 1);
            try (ResultSet rows = explain.executeQuery()) {
                ResultSetMetaData columns = rows.getMetaData();
                List<String> header = new ArrayList<>();
                for (int c = 1; c <= columns.getColumnCount(); c++) {
                    header.add(columns.getColumnLabel(c));
                }
                say("");
                say("# EXPLAIN of the aggregate for the last page: %s", String.join(" | ", header));
                while (rows.next()) {
                    List<String> values = new ArrayList<>();
                    for (int c = 1; c <= columns.getColumnCount(); c++) {
                        values.add(String.valueOf(rows.getString(c)));
                    }
                    say("#   %s", String.join(" | ", values));
                }
            }
        }
    }
}
