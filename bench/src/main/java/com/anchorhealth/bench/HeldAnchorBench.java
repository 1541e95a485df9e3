package com.anchorhealth.bench;

import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.Violation;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.anchorhealth.server.BenchServer;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

import static com.anchorhealth.bench.Stats.f;
import static com.anchorhealth.bench.Stats.median;
import static com.anchorhealth.bench.Stats.say;

/**
 * Benchmark 8: no caller pays for another's anchor. The real server on MariaDB; callers write
 * RecordViolation to random anchors other than one, closed loop. In the measured run another MariaDB
 * session holds that one anchor's row ({@code SELECT … FOR UPDATE} in an open transaction) for the
 * whole run, and a few RecordViolation calls for it are in flight; the baseline is the same run with
 * nothing held. Runs alternate within each repetition, after a run that warms the JIT; once the row is
 * released, the held calls must complete.
 */
final class HeldAnchorBench {
    private static final String HELD = BulkAnchors.anchorId(0);

    private HeldAnchorBench() {
    }

    /** One run's figures, and the status codes of the calls that failed during it, warm-up included. */
    private record Run(WriteBench.Result result, Map<Status.Code, Long> failures) {
        String failuresText() {
            return failures.isEmpty() ? "none" : failures.entrySet().stream()
                    .map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        }

        long failed() {
            return failures.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    /** How the held anchor's own calls ended once its row was released. */
    private record HeldCalls(int answered, Map<Status.Code, Integer> failures, double secondsAfterRelease) {
    }

    static void run(Args args) throws Exception {
        String url = args.string("url", "jdbc:mariadb://127.0.0.1:3306/anchor_health_bench");
        String user = args.string("user", "root");
        String password = args.string("password", "");
        List<Integer> concurrencies = args.integers("concurrency", "8,32");
        Duration hold = Duration.ofSeconds(args.integer("hold", 10));
        Duration warmup = Duration.ofSeconds(args.integer("warmup", 1));
        int reps = args.integer("reps", 3);
        int anchors = args.integer("anchors", 20_000);
        int heldCalls = args.integer("held-calls", 4);
        Duration deadline = Duration.ofMillis(args.integer("deadline-ms", 5_000));

        String jdbcUrl = WriteBench.recreateDatabase(url, user, password);
        try (BenchServer server = BenchServer.start(jdbcUrl, user, password, db -> BulkAnchors.insert(db, anchors, true));
             Channels channels = new Channels(server.port(), 4)) {
            say("# server on %s: %d anchors; the held one is %s; the others' calls have a deadline of %d ms, "
                            + "the held anchor's %d calls one of %d s", url, server.anchorsLoaded(), HELD,
                    deadline.toMillis(), heldCalls, hold.toSeconds() * 3);
            String run = Long.toString(System.currentTimeMillis(), 36);
            AtomicLong ids = new AtomicLong();
            List<String> table = new ArrayList<>();
            table.add("| callers | nothing held: calls/s | p50 ms | p99 ms | failed | one anchor held: calls/s | p50 ms "
                    + "| p99 ms | p99.9 ms | failed (by status) | ratio of p99s (per rep) |");
            table.add("|---|---|---|---|---|---|---|---|---|---|---|");
            // Not measured: the first run's calls are served while the JIT still compiles the write path.
            Run warming = otherAnchors(channels, run, ids, anchors, deadline, concurrencies.get(0), warmup, hold);
            say("# warm-up run, not measured: %s", line(warming));
            List<HeldCalls> allHeld = new ArrayList<>();
            double topP99 = Double.NaN;
            long topFailed = 0;
            for (int concurrency : concurrencies) {
                List<Run> free = new ArrayList<>();
                List<Run> held = new ArrayList<>();
                for (int rep = 1; rep <= reps; rep++) {
                    Run baseline = otherAnchors(channels, run, ids, anchors, deadline, concurrency, warmup, hold);
                    free.add(baseline);
                    say("c=%-3d rep %d nothing held     %s", concurrency, rep, line(baseline));
                    try (Connection holder = DriverManager.getConnection(jdbcUrl, user, password)) {
                        holder.setAutoCommit(false);
                        try (Statement lock = holder.createStatement()) {
                            lock.executeQuery("SELECT * FROM anchors WHERE anchor_id = '" + HELD + "' FOR UPDATE")
                                    .close();
                        }
                        List<ListenableFuture<Violation>> waiting = new ArrayList<>();
                        for (int i = 0; i < heldCalls; i++) {
                            waiting.add(ViolationServiceGrpc.newFutureStub(channels.get(i))
                                    .withDeadlineAfter(hold.toSeconds() * 3, TimeUnit.SECONDS)
                                    .recordViolation(violation(run + "-held-" + ids.incrementAndGet(), HELD)));
                        }
                        Run measured = otherAnchors(channels, run, ids, anchors, deadline, concurrency, warmup, hold);
                        held.add(measured);
                        long stillWaiting = waiting.stream().filter(call -> !call.isDone()).count();
                        holder.rollback();
                        HeldCalls released = awaitHeld(waiting);
                        allHeld.add(released);
                        say("c=%-3d rep %d one anchor held  %s; held calls still waiting at release: %d of %d, "
                                        + "then %d answered within %.2f s of the release, failed: %s", concurrency, rep,
                                line(measured), stillWaiting, heldCalls, released.answered(),
                                released.secondsAfterRelease(), released.failures().isEmpty() ? "none"
                                        : released.failures().toString());
                    }
                }
                List<String> ratios = new ArrayList<>();
                for (int i = 0; i < reps; i++) {
                    ratios.add(f("%.2f", held.get(i).result().p99Micros() / free.get(i).result().p99Micros()));
                }
                Map<Status.Code, Long> heldFailures = new TreeMap<>();
                held.forEach(r -> r.failures().forEach((code, n) -> heldFailures.merge(code, n, Long::sum)));
                long freeFailed = free.stream().mapToLong(Run::failed).sum();
                table.add(f("| %d | %.0f | %.1f | %.1f | %d | %.0f | %.1f | **%.1f** | %.1f | %s | %s |", concurrency,
                        median(free, r -> r.result().callsPerSecond()), median(free, r -> r.result().p50Micros()) / 1000,
                        median(free, r -> r.result().p99Micros()) / 1000, freeFailed,
                        median(held, r -> r.result().callsPerSecond()), median(held, r -> r.result().p50Micros()) / 1000,
                        median(held, r -> r.result().p99Micros()) / 1000,
                        median(held, r -> r.result().p999Micros()) / 1000,
                        new Run(held.get(0).result(), heldFailures).failuresText(), String.join(", ", ratios)));
                topP99 = median(held, r -> r.result().p99Micros()) / 1000;
                topFailed = heldFailures.values().stream().mapToLong(Long::longValue).sum();
            }
            say("");
            table.forEach(Stats::say);
            int answered = allHeld.stream().mapToInt(HeldCalls::answered).sum();
            say("");
            say("Held anchor's own calls: %d of %d answered OK after their anchor was released, each time within "
                            + "%.2f s of the release (slowest of %d holds)", answered, heldCalls * allHeld.size(),
                    allHeld.stream().mapToDouble(HeldCalls::secondsAfterRelease).max().orElse(Double.NaN),
                    allHeld.size());
            say("");
            say("RESULT held-anchor: other anchors' RecordViolation p99 at c=%d with one anchor held %d s = %.1f ms, "
                            + "%d failed (target <= 50 ms, none failed)", concurrencies.get(concurrencies.size() - 1),
                    hold.toSeconds(), topP99, topFailed);
        }
    }

    /** Closed-loop RecordViolation to random anchors other than the held one, failures counted by status. */
    private static Run otherAnchors(Channels channels, String run, AtomicLong ids, int anchors, Duration deadline,
                                    int concurrency, Duration warmup, Duration hold) throws Exception {
        Map<Status.Code, LongAdder> failures = new ConcurrentHashMap<>();
        WriteBench.OpFactory record = thread -> {
            ViolationServiceGrpc.ViolationServiceBlockingStub stub =
                    ViolationServiceGrpc.newBlockingStub(channels.get(thread));
            return sequence -> {
                String anchorId = BulkAnchors.anchorId(1 + ThreadLocalRandom.current().nextInt(anchors - 1));
                try {
                    stub.withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
                            .recordViolation(violation(run + "-" + ids.incrementAndGet(), anchorId));
                } catch (StatusRuntimeException e) {
                    failures.computeIfAbsent(e.getStatus().getCode(), code -> new LongAdder()).increment();
                    throw e;
                }
                return 1;
            };
        };
        WriteBench.Result result = WriteBench.closedLoop(record, concurrency, warmup, hold.minus(warmup));
        Map<Status.Code, Long> counted = new EnumMap<>(Status.Code.class);
        failures.forEach((code, n) -> counted.put(code, n.sum()));
        return new Run(result, counted);
    }

    /** Each held call ends by its own deadline at the latest, so this wait is bounded. */
    private static HeldCalls awaitHeld(List<ListenableFuture<Violation>> waiting) throws InterruptedException {
        long released = System.nanoTime();
        int answered = 0;
        Map<Status.Code, Integer> failures = new EnumMap<>(Status.Code.class);
        for (ListenableFuture<Violation> call : waiting) {
            try {
                call.get();
                answered++;
            } catch (ExecutionException e) {
                failures.merge(Status.fromThrowable(e.getCause()).getCode(), 1, Integer::sum);
            }
        }
        return new HeldCalls(answered, failures, (System.nanoTime() - released) / 1e9);
    }

    private static RecordViolationRequest violation(String requestId, String anchorId) {
        return RecordViolationRequest.newBuilder().setRequestId(requestId).setAnchorId(anchorId)
                .setViolationType("VULGAR_LANGUAGE").setSource("bench").build();
    }

    private static String line(Run run) {
        WriteBench.Result r = run.result();
        return f("%7.0f/s p50=%6.1fms p99=%6.1fms p99.9=%6.1fms failed: %s", r.callsPerSecond(), r.p50Micros() / 1000,
                r.p99Micros() / 1000, r.p999Micros() / 1000, run.failuresText());
    }
}
