package com.anchorhealth.bench;

import com.anchorhealth.api.v1.BatchRecordViolationResult;
import com.anchorhealth.api.v1.BatchRecordViolationsRequest;
import com.anchorhealth.api.v1.BatchRecordViolationsResponse;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.anchorhealth.server.BenchServer;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import static com.anchorhealth.bench.Stats.f;
import static com.anchorhealth.bench.Stats.median;
import static com.anchorhealth.bench.Stats.say;

/**
 * Benchmark 4: RecordViolation over gRPC (the real server on MariaDB) against the cheapest durable
 * write the same database can do, a single-row INSERT and COMMIT over raw JDBC, at the same number
 * of concurrent callers, repetitions interleaved; then BatchRecordViolations in violations per second,
 * with a sampling profile of the server's handler threads.
 */
final class WriteBench {
    static final String RAW_TABLE = "bench_raw_insert";
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final String[] TYPES = {"VULGAR_LANGUAGE", "SMOKING_OR_DRINKING", "MISLEADING_TITLE"};

    private WriteBench() {
    }

    /** One caller thread's operation; {@code close} releases what the thread opened. */
    interface Op extends AutoCloseable {
        /** Returns how many items the call wrote (1 for a single call, up to the batch size for a batch). */
        int run(long sequence) throws Exception;

        @Override
        default void close() throws Exception {
        }
    }

    interface OpFactory {
        Op open(int thread) throws Exception;
    }

    /**
     * {@code cpuMicrosPerItem}: CPU time of this JVM (load client and server together) per item written
     * while measuring, which other work on the machine moves far less than it moves rates;
     * {@code dbCpuMicrosPerItem}: the database server's, when it runs on this machine (else NaN).
     */
    record Result(double callsPerSecond, double itemsPerSecond, long errors, Histogram latency,
                  double cpuMicrosPerItem, double dbCpuMicrosPerItem) {
        double p50Micros() {
            return latency.getValueAtPercentile(50) / 1000.0;
        }

        double p99Micros() {
            return latency.getValueAtPercentile(99) / 1000.0;
        }

        double p999Micros() {
            return latency.getValueAtPercentile(99.9) / 1000.0;
        }
    }

    static void run(Args args) throws Exception {
        String url = args.string("url", "jdbc:mariadb://127.0.0.1:3306/anchor_health_bench");
        String user = args.string("user", "root");
        String password = args.string("password", "");
        List<Integer> concurrencies = args.integers("concurrency", "1,8,32");
        Duration seconds = Duration.ofSeconds(args.integer("seconds", 8));
        Duration warmup = Duration.ofSeconds(args.integer("warmup", 2));
        int reps = args.integer("reps", 3);
        int anchors = args.integer("anchors", 20_000);
        int batchSize = args.integer("batch", 1000);
        List<Integer> batchCallers = args.integers("batch-callers", "1,4");

        String jdbcUrl = recreateDatabase(url, user, password);
        long started = System.nanoTime();
        String serverUrl2 = url + (url.contains("?") ? "&" : "?") + "queryInterceptors=" + StatementCounter.class.getName();
        try (BenchServer server = BenchServer.start(serverUrl2, user, password,
                db -> BulkAnchors.insert(db, anchors, true));
             Channels channels = new Channels(server.port(), 4)) {
            say("# server on %s: %d anchors registered (bulk), started in %.1f s; server pool: %d handler threads, "
                            + "%d database connections (DatabaseSettings.DEFAULT_POOL_SIZE)", url,
                    server.anchorsLoaded(), (System.nanoTime() - started) / 1e9, server.handlerThreads(),
                    com.anchorhealth.adapter.persistence.DatabaseSettings.DEFAULT_POOL_SIZE);
            try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                 Statement s = c.createStatement()) {
                createRawTable(s);
            }
            AtomicLong ids = new AtomicLong();
            String run = Long.toString(System.currentTimeMillis(), 36);

            OpFactory raw = rawInsert(jdbcUrl, user, password, run, ids, anchors);
            OpFactory record = thread -> {
                ViolationServiceGrpc.ViolationServiceBlockingStub stub =
                        ViolationServiceGrpc.newBlockingStub(channels.get(thread));
                return sequence -> {
                    stub.recordViolation(violation(run, ids.incrementAndGet(), anchors));
                    return 1;
                };
            };

            List<String> table = new ArrayList<>();
            table.add("| concurrency | raw JDBC insert+commit /s | p50 µs | p99 µs | RecordViolation /s | p50 µs | p99 µs "
                    + "| p99.9 µs | errors | ratio RecordViolation / raw | CPU µs a call, raw: JVM + database "
                    + "| CPU µs a call, RecordViolation: JVM + database |");
            table.add("|---|---|---|---|---|---|---|---|---|---|---|---|");
            double singleAtOne = Double.NaN;
            double ratioAtTop = Double.NaN;
            for (int concurrency : concurrencies) {
                List<Result> rawRuns = new ArrayList<>();
                List<Result> recordRuns = new ArrayList<>();
                for (int rep = 1; rep <= reps; rep++) {
                    Result r = closedLoop(raw, concurrency, warmup, seconds);
                    rawRuns.add(r);
                    say("c=%-3d rep %d raw JDBC insert+commit  %s", concurrency, rep, line(r));
                    Result v = closedLoop(record, concurrency, warmup, seconds);
                    recordRuns.add(v);
                    say("c=%-3d rep %d RecordViolation (gRPC)  %s", concurrency, rep, line(v));
                }
                double rawRate = median(rawRuns, Result::callsPerSecond);
                double recordRate = median(recordRuns, Result::callsPerSecond);
                List<String> perRep = new ArrayList<>();
                for (int i = 0; i < reps; i++) {
                    perRep.add(f("%.2f", recordRuns.get(i).callsPerSecond() / rawRuns.get(i).callsPerSecond()));
                }
                table.add(f("| %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %d | **%.2f** (per-rep: %s) "
                                + "| %.0f + %.0f | %.0f + %.0f |",
                        concurrency, rawRate, median(rawRuns, Result::p50Micros), median(rawRuns, Result::p99Micros),
                        recordRate, median(recordRuns, Result::p50Micros), median(recordRuns, Result::p99Micros),
                        median(recordRuns, Result::p999Micros),
                        recordRuns.stream().mapToLong(Result::errors).sum(), recordRate / rawRate,
                        String.join(", ", perRep), median(rawRuns, Result::cpuMicrosPerItem),
                        median(rawRuns, Result::dbCpuMicrosPerItem), median(recordRuns, Result::cpuMicrosPerItem),
                        median(recordRuns, Result::dbCpuMicrosPerItem)));
                if (concurrency == 1) {
                    singleAtOne = recordRate;
                }
                ratioAtTop = recordRate / rawRate;
            }

            List<String> batchTable = new ArrayList<>();
            batchTable.add("| BatchRecordViolations callers | batch size | violations/s (median) | batch p50 ms | "
                    + "batch p99 ms | failed items | vs RecordViolation c=1 | CPU µs per violation: JVM + database "
                    + "(medians) |");
            batchTable.add("|---|---|---|---|---|---|---|---|");
            double bestBatch = 0;
            for (int callers : batchCallers) {
                OpFactory batch = batchOp(channels, run, ids, anchors, batchSize);
                List<Result> runs = new ArrayList<>();
                for (int rep = 1; rep <= reps; rep++) {
                    Result b = closedLoop(batch, callers, warmup, seconds.multipliedBy(2));
                    runs.add(b);
                    say("batch callers=%d size=%d rep %d: %.0f violations/s, batch p50 %.0f ms, p99 %.0f ms, errors %d, "
                                    + "CPU µs per violation: JVM %.0f, database %.0f", callers, batchSize, rep,
                            b.itemsPerSecond(), b.p50Micros() / 1000, b.p99Micros() / 1000, b.errors(),
                            b.cpuMicrosPerItem(), b.dbCpuMicrosPerItem());
                }
                double rate = median(runs, Result::itemsPerSecond);
                bestBatch = Math.max(bestBatch, rate);
                batchTable.add(f("| %d | %d | %.0f | %.0f | %.0f | %d | %.2f | %.0f + %.0f |", callers, batchSize, rate,
                        median(runs, Result::p50Micros) / 1000, median(runs, Result::p99Micros) / 1000,
                        runs.stream().mapToLong(Result::errors).sum(), rate / singleAtOne,
                        median(runs, Result::cpuMicrosPerItem), median(runs, Result::dbCpuMicrosPerItem)));
            }
            say("");
            table.forEach(Stats::say);
            say("");
            batchTable.forEach(Stats::say);
            profile(record, batchOp(channels, run, ids, anchors, batchSize), seconds);
            say("");
            say("RESULT writes: RecordViolation / raw insert+commit at c=%d = %.2f (target >= 0.5); "
                    + "BatchRecordViolations best %.0f violations/s (target >= 20000)",
                    concurrencies.get(concurrencies.size() - 1), ratioAtTop, bestBatch);
        }
    }

    /**
     * Drops and creates the benchmark's own database (and says how MariaDB is configured); returns the
     * Connector/J URL of the database.
     */
    static String recreateDatabase(String url, String user, String password) throws SQLException {
        String jdbcUrl = "jdbc:mysql:" + url.substring(url.indexOf("//"));
        String database = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1).replaceAll("[?;].*$", "");
        String serverUrl = jdbcUrl.substring(0, jdbcUrl.lastIndexOf('/') + 1);
        try (Connection admin = DriverManager.getConnection(serverUrl, user, password);
             Statement statement = admin.createStatement()) {
            for (String variable : List.of("version", "innodb_flush_log_at_trx_commit", "sync_binlog", "log_bin",
                    "innodb_buffer_pool_size", "innodb_log_file_size")) {
                try (ResultSet rs = statement.executeQuery("SHOW GLOBAL VARIABLES LIKE '" + variable + "'")) {
                    while (rs.next()) {
                        say("# MariaDB %s = %s", rs.getString(1), rs.getString(2));
                    }
                }
            }
            statement.execute("DROP DATABASE IF EXISTS `" + database + "`");
            statement.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_bin");
        }
        return jdbcUrl.replaceAll("[?;].*$", "");
    }

    /** The baseline's table: a 4-column row under a primary key, appended to in key order. */
    static void createRawTable(Statement statement) throws SQLException {
        statement.execute("CREATE TABLE " + RAW_TABLE + " (id VARCHAR(32) NOT NULL PRIMARY KEY, anchor_id VARCHAR(64)"
                + " NOT NULL, payload VARCHAR(200) NOT NULL, created_at BIGINT NOT NULL) ENGINE=InnoDB");
    }

    /** The baseline: a single-row INSERT and COMMIT over raw JDBC, a connection per caller. */
    static OpFactory rawInsert(String jdbcUrl, String user, String password, String run, AtomicLong ids, int anchors) {
        return thread -> {
            Connection connection = DriverManager.getConnection(jdbcUrl + "?rewriteBatchedStatements=true"
                    + "&cachePrepStmts=true&prepStmtCacheSize=250", user, password);
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            PreparedStatement insert = connection.prepareStatement("INSERT INTO " + RAW_TABLE
                    + " (id, anchor_id, payload, created_at) VALUES (?,?,?,?)");
            return new Op() {
                public int run(long sequence) throws SQLException {
                    insert.setString(1, run + "-" + ids.incrementAndGet());
                    insert.setString(2, randomAnchor(anchors));
                    insert.setString(3, "VULGAR_LANGUAGE bench");
                    insert.setLong(4, System.currentTimeMillis());
                    insert.executeUpdate();
                    connection.commit();
                    return 1;
                }

                public void close() throws SQLException {
                    connection.close();
                }
            };
        };
    }

    static OpFactory batchOp(Channels channels, String run, AtomicLong ids, int anchors, int batchSize) {
        return thread -> {
            ViolationServiceGrpc.ViolationServiceBlockingStub stub =
                    ViolationServiceGrpc.newBlockingStub(channels.get(thread));
            return sequence -> {
                BatchRecordViolationsRequest.Builder request = BatchRecordViolationsRequest.newBuilder();
                for (int i = 0; i < batchSize; i++) {
                    request.addRequests(violation(run, ids.incrementAndGet(), anchors));
                }
                BatchRecordViolationsResponse response = stub.withDeadlineAfter(5, TimeUnit.MINUTES)
                        .batchRecordViolations(request.build());
                int ok = 0;
                for (BatchRecordViolationResult result : response.getResultsList()) {
                    if (result.hasViolation()) {
                        ok++;
                    }
                }
                if (ok != batchSize) {
                    throw new IllegalStateException((batchSize - ok) + " items failed");
                }
                return ok;
            };
        };
    }

    /**
     * Not part of the figures: one RecordViolation caller and one BatchRecordViolations caller, with
     * every statement the server sends counted and timed, and the handler threads' stacks sampled.
     */
    static void profile(OpFactory record, OpFactory batch, Duration seconds) throws Exception {
        for (String name : List.of("RecordViolation", "BatchRecordViolations")) {
            StatementCounter.enable();
            StackSampler sampler = StackSampler.start("grpc-handler-");
            Result result = closedLoop(name.equals("RecordViolation") ? record : batch, 1, Duration.ofSeconds(1),
                    seconds);
            Map<String, Double> stacks = sampler.stop();
            Map<String, long[]> statements = StatementCounter.disable();
            // One transaction, so one COMMIT, per violation (warm-up included, as the counts are).
            double items = statements.containsKey("COMMIT") ? statements.get("COMMIT")[0]
                    : result.itemsPerSecond() * (seconds.toMillis() + 1000) / 1000.0;
            long totalCount = statements.values().stream().mapToLong(v -> v[0]).sum();
            long totalNanos = statements.values().stream().mapToLong(v -> v[1]).sum();
            say("");
            say("# profile (not a measured run): %s, 1 caller, %.0f violations/s, %.0f µs per violation end to end",
                    name, result.itemsPerSecond(), 1e6 / result.itemsPerSecond());
            say("#   %.1f statements per violation, %.0f µs per violation waiting for their answers (send to "
                    + "answer, as seen by the JDBC driver) = %.0f%% of the time per violation",
                    totalCount / items, totalNanos / 1000.0 / items,
                    100.0 * (totalNanos / 1000.0 / items) / (1e6 / result.itemsPerSecond()));
            say("| statement | per violation | mean µs | share of statement time |");
            say("|---|---|---|---|");
            statements.forEach((kind, v) -> say("| %s | %.2f | %.0f | %.0f%% |", kind, v[0] / items,
                    v[1] / 1000.0 / v[0], 100.0 * v[1] / totalNanos));
            say("#   handler threads busy on average: %.2f; where (share of busy stack samples, innermost project "
                    + "frame, [db] = reading the database socket):", sampler.averageBusyThreads());
            stacks.entrySet().stream().limit(12).forEach(e -> say("#   %5.1f%%  %s", e.getValue() * 100, e.getKey()));
        }
    }

    static RecordViolationRequest violation(String run, long id, int anchors) {
        return RecordViolationRequest.newBuilder()
                .setRequestId("bench-" + run + "-" + id)
                .setAnchorId(randomAnchor(anchors))
                .setViolationType(TYPES[(int) (id % TYPES.length)])
                .setSource("bench")
                .build();
    }

    static String randomAnchor(int anchors) {
        return BulkAnchors.anchorId(ThreadLocalRandom.current().nextInt(anchors));
    }

    /** {@code concurrency} threads, each calling its op back to back; latency per call. */
    static Result closedLoop(OpFactory factory, int concurrency, Duration warmup, Duration measure)
            throws Exception {
        Recorder recorder = new Recorder(TimeUnit.MINUTES.toNanos(10), 3);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean measuring = new AtomicBoolean(false);
        LongAdder calls = new LongAdder();
        LongAdder items = new LongAdder();
        LongAdder errors = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        List<Op> ops = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            ops.add(factory.open(t));
        }
        for (int t = 0; t < concurrency; t++) {
            Op op = ops.get(t);
            Thread thread = new Thread(() -> {
                long sequence = 0;
                while (running.get()) {
                    long start = System.nanoTime();
                    try {
                        int written = op.run(sequence++);
                        if (measuring.get()) {
                            recorder.recordValue(System.nanoTime() - start);
                            calls.increment();
                            items.add(written);
                        }
                    } catch (Exception e) {
                        if (measuring.get()) {
                            errors.increment();
                        }
                        if (errors.sum() < 3) {
                            System.err.println("bench call failed: " + e);
                        }
                    }
                }
            }, "bench-caller-" + t);
            thread.start();
            threads.add(thread);
        }
        Thread.sleep(warmup.toMillis());
        recorder.reset();
        measuring.set(true);
        long start = System.nanoTime();
        long cpuStart = PROCESS.getProcessCpuTime();
        double dbCpuStart = DatabaseCpu.nanos();
        Thread.sleep(measure.toMillis());
        measuring.set(false);
        long end = System.nanoTime();
        long cpu = PROCESS.getProcessCpuTime() - cpuStart;
        double dbCpu = DatabaseCpu.nanos() - dbCpuStart;
        Histogram latency = recorder.getIntervalHistogram();
        running.set(false);
        for (Thread thread : threads) {
            thread.join();
        }
        for (Op op : ops) {
            op.close();
        }
        double elapsed = (end - start) / 1e9;
        return new Result(calls.sum() / elapsed, items.sum() / elapsed, errors.sum(), latency,
                cpu / 1e3 / Math.max(1, items.sum()), dbCpu / 1e3 / Math.max(1, items.sum()));
    }

    private static String line(Result r) {
        return f("%8.0f/s p50=%7.0fµs p99=%7.0fµs p99.9=%7.0fµs errors=%d CPU µs a call: JVM %.0f, database %.0f",
                r.callsPerSecond(), r.p50Micros(), r.p99Micros(), r.p999Micros(), r.errors(), r.cpuMicrosPerItem(),
                r.dbCpuMicrosPerItem());
    }
}
