package com.anchorhealth.bench;

import com.anchorhealth.api.v1.BatchRecordViolationsRequest;
import com.anchorhealth.api.v1.BatchRecordViolationsResponse;
import com.anchorhealth.api.v1.DecideAppealRequest;
import com.anchorhealth.api.v1.FileAppealRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.anchorhealth.server.BenchServer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static com.anchorhealth.bench.Stats.say;

/**
 * Benchmark 5b: an overturn costs the same whatever the anchor's history. One server on MariaDB, two
 * anchors: one given {@code --history} violations, one given only as many as the run overturns. Every
 * overturned violation's appeal is filed first; then DecideAppeal (OVERTURN) alternates between the
 * two anchors, one caller, each time on the newest violation of that anchor still counted, and each
 * repetition compares the medians.
 */
final class OverturnBench {
    private static final String HEAVY = BulkAnchors.anchorId(0);
    private static final String LIGHT = BulkAnchors.anchorId(1);

    private OverturnBench() {
    }

    static void run(Args args) throws Exception {
        String url = args.string("url", "jdbc:mariadb://127.0.0.1:3306/anchor_health_bench");
        String user = args.string("user", "root");
        String password = args.string("password", "");
        int history = args.integer("history", 20_000);
        int calls = args.integer("calls", 100);
        int reps = args.integer("reps", 3);
        int overturns = calls * (reps + 1);

        String jdbcUrl = WriteBench.recreateDatabase(url, user, password);
        try (BenchServer server = BenchServer.start(jdbcUrl, user, password, db -> BulkAnchors.insert(db, 2, true));
             Channels channels = new Channels(server.port(), 1)) {
            ViolationServiceGrpc.ViolationServiceBlockingStub stub = ViolationServiceGrpc.newBlockingStub(
                    channels.get(0));
            List<String> heavy = record(stub, HEAVY, Math.max(history, overturns));
            List<String> light = record(stub, LIGHT, overturns);
            // Newest first: each overturn is of the latest violation its anchor still counts.
            List<String> heavyToOverturn = newestFirst(heavy.subList(heavy.size() - overturns, heavy.size()));
            List<String> lightToOverturn = newestFirst(light);
            for (int i = 0; i < overturns; i++) {
                file(stub, heavyToOverturn.get(i));
                file(stub, lightToOverturn.get(i));
            }
            say("# %s has %d violations, %s has %d; %d appeals of each filed", HEAVY, heavy.size(), LIGHT,
                    light.size(), overturns);
            double ratio = AlternatingCalls.compare("anchor with " + heavy.size() + " violations",
                    i -> overturn(stub, heavyToOverturn.get(position(i, calls))),
                    "anchor with " + light.size(), i -> overturn(stub, lightToOverturn.get(position(i, calls))),
                    calls, reps);
            say("%nRESULT overturn: DecideAppeal p50 on an anchor with %d violations / with %d = %.2f (median of %d "
                    + "reps; target within 10%%)", heavy.size(), light.size(), ratio, reps);
        }
    }

    private static List<String> newestFirst(List<String> recorded) {
        List<String> reversed = new ArrayList<>(recorded);
        Collections.reverse(reversed);
        return reversed;
    }

    /** AlternatingCalls numbers its warm-up calls -1, -2, … and then its timed ones 0, 1, …: one violation each. */
    private static int position(int call, int calls) {
        return call < 0 ? -1 - call : calls + call;
    }

    private static List<String> record(ViolationServiceGrpc.ViolationServiceBlockingStub stub, String anchorId,
                                       int count) {
        List<String> names = new ArrayList<>(count);
        for (int from = 0; from < count; from += 1000) {
            BatchRecordViolationsRequest.Builder batch = BatchRecordViolationsRequest.newBuilder();
            for (int i = from; i < Math.min(count, from + 1000); i++) {
                batch.addRequests(RecordViolationRequest.newBuilder().setRequestId(anchorId + "-" + i)
                        .setAnchorId(anchorId).setViolationType(i % 2 == 0 ? "VULGAR_LANGUAGE" : "MISLEADING_TITLE")
                        .setLiveSessionId("live-" + i % 50).setSource("bench"));
            }
            BatchRecordViolationsResponse recorded = stub.batchRecordViolations(batch.build());
            recorded.getResultsList().forEach(result -> names.add(result.getViolation().getName()));
        }
        return names;
    }

    private static void file(ViolationServiceGrpc.ViolationServiceBlockingStub stub, String violation) {
        stub.fileAppeal(FileAppealRequest.newBuilder().setRequestId("file-" + violation).setViolation(violation)
                .setStatement("bench").build());
    }

    private static void overturn(ViolationServiceGrpc.ViolationServiceBlockingStub stub, String violation) {
        stub.decideAppeal(DecideAppealRequest.newBuilder().setRequestId("decide-" + violation)
                .setAppeal(violation + "/appeal").setDecision(DecideAppealRequest.Decision.OVERTURN)
                .setNote("bench").build());
    }
}
