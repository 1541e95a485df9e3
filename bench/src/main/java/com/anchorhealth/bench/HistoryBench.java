package com.anchorhealth.bench;

import com.anchorhealth.api.v1.BatchRecordViolationsRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.anchorhealth.server.BenchServer;

import static com.anchorhealth.bench.Stats.say;

/**
 * Benchmark 5: a write costs the same whatever the anchor's history. One server on MariaDB, two
 * anchors: one given {@code --history} violations first (through BatchRecordViolations, as a
 * pipeline would), one given none. Then single RecordViolation calls alternate between the two, one
 * caller, so both see the same machine at the same moments; each repetition compares the medians.
 */
final class HistoryBench {
    private static final String HEAVY = BulkAnchors.anchorId(0);
    private static final String LIGHT = BulkAnchors.anchorId(1);

    private HistoryBench() {
    }

    static void run(Args args) throws Exception {
        String url = args.string("url", "jdbc:mariadb://127.0.0.1:3306/anchor_health_bench");
        String user = args.string("user", "root");
        String password = args.string("password", "");
        int history = args.integer("history", 20_000);
        int calls = args.integer("calls", 500);
        int reps = args.integer("reps", 3);

        String jdbcUrl = WriteBench.recreateDatabase(url, user, password);
        try (BenchServer server = BenchServer.start(jdbcUrl, user, password, db -> BulkAnchors.insert(db, 2, true));
             Channels channels = new Channels(server.port(), 1)) {
            ViolationServiceGrpc.ViolationServiceBlockingStub stub = ViolationServiceGrpc.newBlockingStub(
                    channels.get(0));
            long seeding = System.nanoTime();
            for (int from = 0; from < history; from += 1000) {
                BatchRecordViolationsRequest.Builder batch = BatchRecordViolationsRequest.newBuilder();
                for (int i = from; i < Math.min(history, from + 1000); i++) {
                    batch.addRequests(violation("history-" + i, HEAVY, i));
                }
                stub.batchRecordViolations(batch.build());
            }
            say("# %s has %d violations (recorded in %.1f s), %s has none", HEAVY, history,
                    (System.nanoTime() - seeding) / 1e9, LIGHT);
            String run = Long.toString(System.currentTimeMillis(), 36);
            double ratio = AlternatingCalls.compare("anchor with " + history + " violations",
                    i -> stub.recordViolation(violation(run + "-heavy-" + i, HEAVY, i)), "anchor with none",
                    i -> stub.recordViolation(violation(run + "-light-" + i, LIGHT, i)), calls, reps);
            say("%nRESULT history: RecordViolation p50 with %d stored violations / with none = %.2f (median of %d "
                    + "reps; target within 10%%)", history, ratio, reps);
        }
    }

    private static RecordViolationRequest violation(String requestId, String anchorId, int i) {
        return RecordViolationRequest.newBuilder().setRequestId(requestId).setAnchorId(anchorId)
                .setViolationType(Math.floorMod(i, 2) == 0 ? "VULGAR_LANGUAGE" : "MISLEADING_TITLE")
                .setLiveSessionId("live-" + Math.floorMod(i, 50)).setSource("bench").build();
    }
}
