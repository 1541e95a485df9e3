package com.anchorhealth.bench;

import com.anchorhealth.api.v1.BatchRecordViolationResult;
import com.anchorhealth.api.v1.BatchRecordViolationsRequest;
import com.anchorhealth.api.v1.BatchRecordViolationsResponse;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.Violation;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static com.anchorhealth.bench.Stats.f;
import static com.anchorhealth.bench.Stats.median;
import static com.anchorhealth.bench.Stats.say;

/**
 * The ceiling of any RecordViolation on this machine: a gRPC server with the real server's transport
 * settings whose handler does the least a correct write must do, shared by concurrent calls as the
 * service shares them. Each group of calls locks its anchors' rows, inserts one row a violation (its
 * caller and request id under a unique index, as the idempotency key), upserts the anchors' scores
 * in one statement, and commits. No outbox, no feed, no audit, no pricing, no response kept. Its rate
 * against the raw insert+commit of the same run bounds the ratio any design of those writes reaches.
 */
final class WriteCeilingBench {
    private static final int MAX_GROUP = 64;

    private WriteCeilingBench() {
    }

    static void run(Args args) throws Exception {
        String url = args.string("url", "jdbc:mariadb://127.0.0.1:3306/anchor_health_bench");
        String user = args.string("user", "root");
        String password = args.string("password", "");
        List<Integer> concurrencies = args.integers("concurrency", "8,32");
        Duration seconds = Duration.ofSeconds(args.integer("seconds", 8));
        Duration warmup = Duration.ofSeconds(args.integer("warmup", 2));
        int reps = args.integer("reps", 3);
        int anchors = args.integer("anchors", 20_000);
        int writers = args.integer("writers", 4);

        String jdbcUrl = WriteBench.recreateDatabase(url, user, password);
        String driverUrl = jdbcUrl + "?rewriteBatchedStatements=true&cachePrepStmts=true&prepStmtCacheSize=250"
                + "&useLocalSessionState=true";
        try (Connection c = DriverManager.getConnection(driverUrl, user, password); Statement s = c.createStatement()) {
            WriteBench.createRawTable(s);
            s.execute("CREATE TABLE ceiling_anchors (anchor_id VARCHAR(64) NOT NULL PRIMARY KEY, score INT NOT NULL,"
                    + " ledger_seq INT NOT NULL, last_violation_at BIGINT NULL) ENGINE=InnoDB");
            s.execute("CREATE TABLE ceiling_violations (anchor_id VARCHAR(64) NOT NULL, violation_id VARCHAR(32) NOT"
                    + " NULL, caller VARCHAR(128) NOT NULL, request_id VARCHAR(128) NOT NULL, violation_type"
                    + " VARCHAR(64) NOT NULL, occurred_at BIGINT NOT NULL, recorded_at BIGINT NOT NULL, source"
                    + " VARCHAR(128) NOT NULL, points INT NOT NULL, score_after INT NOT NULL, ledger_seq INT NOT NULL,"
                    + " policy_version BIGINT NOT NULL, state VARCHAR(16) NOT NULL, PRIMARY KEY (anchor_id,"
                    + " violation_id), UNIQUE KEY uk_ceiling_request (caller, request_id)) ENGINE=InnoDB");
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO ceiling_anchors VALUES (?,100,1,NULL)")) {
                for (int i = 0; i < anchors; i++) {
                    insert.setString(1, BulkAnchors.anchorId(i));
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            c.commit();
        }
        ExecutorService handlers = Executors.newFixedThreadPool(32);
        ExecutorService writerThreads = Executors.newFixedThreadPool(writers);
        MinimalWriter writer = new MinimalWriter(driverUrl, user, password);
        for (int i = 0; i < writers; i++) {
            writerThreads.execute(writer::writeGroups);
        }
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .executor(handlers).addService(writer).build().start();
        AtomicLong ids = new AtomicLong();
        String run = Long.toString(System.currentTimeMillis(), 36);
        try (Channels channels = new Channels(server.getPort(), 4)) {
            WriteBench.OpFactory raw = WriteBench.rawInsert(jdbcUrl, user, password, run, ids, anchors);
            WriteBench.OpFactory record = thread -> {
                ViolationServiceGrpc.ViolationServiceBlockingStub stub =
                        ViolationServiceGrpc.newBlockingStub(channels.get(thread));
                return sequence -> {
                    stub.recordViolation(WriteBench.violation(run, ids.incrementAndGet(), anchors));
                    return 1;
                };
            };
            List<String> table = new ArrayList<>();
            table.add("| concurrency | raw insert+commit /s | minimal RecordViolation /s | p99 ms | ratio (per rep) | "
                    + "CPU µs a call, raw: JVM + database | CPU µs a call, minimal: JVM + database |");
            table.add("|---|---|---|---|---|---|---|");
            for (int concurrency : concurrencies) {
                List<WriteBench.Result> raws = new ArrayList<>();
                List<WriteBench.Result> minimal = new ArrayList<>();
                List<String> ratios = new ArrayList<>();
                for (int rep = 1; rep <= reps; rep++) {
                    raws.add(WriteBench.closedLoop(raw, concurrency, warmup, seconds));
                    minimal.add(WriteBench.closedLoop(record, concurrency, warmup, seconds));
                    say("c=%-3d rep %d raw %.0f/s, minimal RecordViolation %.0f/s (errors %d)", concurrency, rep,
                            raws.get(rep - 1).callsPerSecond(), minimal.get(rep - 1).callsPerSecond(),
                            minimal.get(rep - 1).errors());
                    ratios.add(f("%.2f", minimal.get(rep - 1).callsPerSecond() / raws.get(rep - 1).callsPerSecond()));
                }
                table.add(f("| %d | %.0f | %.0f | %.1f | **%.2f** (%s) | %.0f + %.0f | %.0f + %.0f |", concurrency,
                        median(raws, WriteBench.Result::callsPerSecond), median(minimal, WriteBench.Result::callsPerSecond),
                        median(minimal, WriteBench.Result::p99Micros) / 1000,
                        median(minimal, WriteBench.Result::callsPerSecond) / median(raws, WriteBench.Result::callsPerSecond),
                        String.join(", ", ratios), median(raws, WriteBench.Result::cpuMicrosPerItem),
                        median(raws, WriteBench.Result::dbCpuMicrosPerItem),
                        median(minimal, WriteBench.Result::cpuMicrosPerItem),
                        median(minimal, WriteBench.Result::dbCpuMicrosPerItem)));
            }
            WriteBench.OpFactory batch = WriteBench.batchOp(channels, run, ids, anchors, 1000);
            List<WriteBench.Result> batches = new ArrayList<>();
            for (int rep = 1; rep <= reps; rep++) {
                batches.add(WriteBench.closedLoop(batch, 1, warmup, seconds.multipliedBy(2)));
                say("batch of 1000, one caller, rep %d: %.0f violations/s, CPU µs per violation: JVM %.0f, database %.0f",
                        rep, batches.get(rep - 1).itemsPerSecond(), batches.get(rep - 1).cpuMicrosPerItem(),
                        batches.get(rep - 1).dbCpuMicrosPerItem());
            }
            say("");
            table.forEach(Stats::say);
            say("");
            say("minimal BatchRecordViolations, 1000 a batch, one caller: %.0f violations/s (median); CPU µs per "
                    + "violation: JVM %.0f, database %.0f", median(batches, WriteBench.Result::itemsPerSecond),
                    median(batches, WriteBench.Result::cpuMicrosPerItem),
                    median(batches, WriteBench.Result::dbCpuMicrosPerItem));
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            writerThreads.shutdownNow();
            handlers.shutdownNow();
        }
    }

    /** The handler and its group-commit writers: each writer has its own connection. */
    private static final class MinimalWriter extends ViolationServiceGrpc.ViolationServiceImplBase {
        private record Pending(RecordViolationRequest request, StreamObserver<Violation> response) {
        }

        private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
        private final String url;
        private final String user;
        private final String password;
        private final AtomicLong violationIds = new AtomicLong();
        private final ThreadLocal<Connection> batchConnections = ThreadLocal.withInitial(this::connect);

        MinimalWriter(String url, String user, String password) {
            this.url = url;
            this.user = user;
            this.password = password;
        }

        @Override
        public void recordViolation(RecordViolationRequest request, StreamObserver<Violation> response) {
            queue.add(new Pending(request, response));
        }

        /** A batch: one transaction on the handler's own connection (the service splits a large one in two). */
        @Override
        public void batchRecordViolations(BatchRecordViolationsRequest request,
                                          StreamObserver<BatchRecordViolationsResponse> response) {
            try {
                BatchRecordViolationsResponse.Builder results = BatchRecordViolationsResponse.newBuilder();
                write(batchConnections.get(), request.getRequestsList()).forEach(violation ->
                        results.addResults(BatchRecordViolationResult.newBuilder().setViolation(violation)));
                response.onNext(results.build());
                response.onCompleted();
            } catch (SQLException e) {
                response.onError(Status.INTERNAL.withCause(e).asRuntimeException());
            }
        }

        void writeGroups() {
            try (Connection connection = connect()) {
                List<Pending> group = new ArrayList<>(MAX_GROUP);
                while (true) {
                    group.add(queue.take());
                    queue.drainTo(group, MAX_GROUP - 1);
                    try {
                        List<Violation> answers = write(connection, group.stream().map(Pending::request).toList());
                        for (int i = 0; i < group.size(); i++) {
                            group.get(i).response().onNext(answers.get(i));
                            group.get(i).response().onCompleted();
                        }
                    } catch (SQLException e) {
                        // The group fails as a whole, and its callers are told: none waits for ever.
                        connection.rollback();
                        group.forEach(pending -> pending.response().onError(
                                Status.INTERNAL.withCause(e).asRuntimeException()));
                    }
                    group.clear();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (SQLException e) {
                throw new IllegalStateException("the writer's connection failed", e);
            }
        }

        private Connection connect() {
            try {
                Connection connection = DriverManager.getConnection(url, user, password);
                connection.setAutoCommit(false);
                connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
                return connection;
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }

        private List<Violation> write(Connection connection, List<RecordViolationRequest> requests)
                throws SQLException {
            PreparedStatement violations = connection.prepareStatement("INSERT INTO ceiling_violations VALUES "
                    + "(?,?,?,?,?,?,?,?,?,?,?,?,?)");
            PreparedStatement scores = connection.prepareStatement("INSERT INTO ceiling_anchors VALUES (?,?,?,?) "
                    + "ON DUPLICATE KEY UPDATE score = VALUES(score), ledger_seq = VALUES(ledger_seq), "
                    + "last_violation_at = VALUES(last_violation_at)");
            TreeSet<String> anchorIds = new TreeSet<>();
            requests.forEach(request -> anchorIds.add(request.getAnchorId()));
            Map<String, int[]> locked = new HashMap<>();
            try (PreparedStatement lock = connection.prepareStatement("SELECT anchor_id, score, ledger_seq FROM "
                    + "ceiling_anchors WHERE anchor_id IN (" + "?,".repeat(anchorIds.size() - 1) + "?) ORDER BY "
                    + "anchor_id FOR UPDATE")) {
                int i = 1;
                for (String id : anchorIds) {
                    lock.setString(i++, id);
                }
                try (ResultSet rows = lock.executeQuery()) {
                    while (rows.next()) {
                        locked.put(rows.getString(1), new int[] {rows.getInt(2), rows.getInt(3)});
                    }
                }
            }
            long now = System.currentTimeMillis();
            List<Violation> answers = new ArrayList<>(requests.size());
            for (RecordViolationRequest request : requests) {
                int[] anchor = locked.get(request.getAnchorId());
                anchor[0] = Math.max(0, anchor[0] - 2);
                anchor[1]++;
                String violationId = Long.toString(violationIds.incrementAndGet(), 36);
                violations.setString(1, request.getAnchorId());
                violations.setString(2, violationId);
                violations.setString(3, "anonymous");
                violations.setString(4, request.getRequestId());
                violations.setString(5, request.getViolationType());
                violations.setLong(6, now);
                violations.setLong(7, now);
                violations.setString(8, request.getSource());
                violations.setInt(9, 2);
                violations.setInt(10, anchor[0]);
                violations.setInt(11, anchor[1]);
                violations.setLong(12, 1);
                violations.setString(13, "ACTIVE");
                violations.addBatch();
                answers.add(Violation.newBuilder().setName("anchors/" + request.getAnchorId() + "/violations/"
                        + violationId).setViolationType(request.getViolationType()).setPoints(2).build());
            }
            for (Map.Entry<String, int[]> anchor : locked.entrySet()) {
                scores.setString(1, anchor.getKey());
                scores.setInt(2, anchor.getValue()[0]);
                scores.setInt(3, anchor.getValue()[1]);
                scores.setLong(4, now);
                scores.addBatch();
            }
            violations.executeBatch();
            scores.executeBatch();
            connection.commit();
            violations.close();
            scores.close();
            return answers;
        }
    }
}
