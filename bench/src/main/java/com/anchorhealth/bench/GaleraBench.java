package com.anchorhealth.bench;

import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.anchorhealth.server.BenchServer;
import io.grpc.StatusRuntimeException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static com.anchorhealth.bench.Stats.f;
import static com.anchorhealth.bench.Stats.median;
import static com.anchorhealth.bench.Stats.say;

/**
 * The write path on the three-node Galera cluster of {@code .ci/galera} against one MariaDB server,
 * both served at once and measured in interleaved repetitions; then how long writes stop when the
 * node taking them dies: kill -9 of that node under writers that retry each request until it is
 * acknowledged, the time from the kill to the first acknowledged write sent after it, over several
 * kills (the node rejoins between them).
 */
final class GaleraBench {
    private GaleraBench() {
    }

    static void run(Args args) throws Exception {
        String clusterUrl = args.string("cluster-url",
                "jdbc:mysql://127.0.0.1:3311,127.0.0.1:3312,127.0.0.1:3313/anchor_health_bench_galera");
        String singleUrl = args.string("single-url", "jdbc:mariadb://127.0.0.1:3306/anchor_health_bench_single");
        String user = args.string("user", "root");
        String password = args.string("password", "");
        List<Integer> concurrencies = args.integers("concurrency", "8,32");
        Duration seconds = Duration.ofSeconds(args.integer("seconds", 8));
        Duration warmup = Duration.ofSeconds(args.integer("warmup", 2));
        int reps = args.integer("reps", 3);
        int anchors = args.integer("anchors", 5_000);
        int batchSize = args.integer("batch", 1000);
        int kills = args.integer("kills", 5);
        int killWriters = args.integer("kill-writers", 8);
        String script = args.string("galera-script", ".ci/galera");

        say("# one server:");
        WriteBench.recreateDatabase(singleUrl, user, password);
        say("# the cluster (every node alike):");
        WriteBench.recreateDatabase(clusterUrl, user, password);
        try (BenchServer single = BenchServer.start(singleUrl, user, password,
                db -> BulkAnchors.insert(db, anchors, true));
             BenchServer cluster = BenchServer.start(clusterUrl, user, password,
                     db -> BulkAnchors.insert(db, anchors, true));
             Channels singleChannels = new Channels(single.port(), 4);
             Channels clusterChannels = new Channels(cluster.port(), 4)) {
            String run = Long.toString(System.currentTimeMillis(), 36);
            AtomicLong ids = new AtomicLong();
            // Not measured: both servers' write paths compiled by the JIT before the first repetition.
            WriteBench.closedLoop(record(singleChannels, run, ids, anchors), concurrencies.get(0), warmup, seconds);
            WriteBench.closedLoop(record(clusterChannels, run, ids, anchors), concurrencies.get(0), warmup, seconds);
            List<Comparison> comparisons = new ArrayList<>();
            for (int concurrency : concurrencies) {
                comparisons.add(compare("RecordViolation, " + concurrency + " callers", concurrency, warmup, seconds,
                        reps, record(singleChannels, run, ids, anchors), record(clusterChannels, run, ids, anchors),
                        false));
            }
            comparisons.add(compare("BatchRecordViolations of " + batchSize + ", 1 caller (violations)", 1, warmup,
                    seconds.multipliedBy(2), reps, WriteBench.batchOp(singleChannels, run, ids, anchors, batchSize),
                    WriteBench.batchOp(clusterChannels, run, ids, anchors, batchSize), true));
            say("");
            say("| workload | one server /s | p50 ms | p99 ms | three-node cluster /s | p50 ms | p99 ms "
                    + "| errors | ratio cluster / one server |");
            say("|---|---|---|---|---|---|---|---|---|");
            comparisons.forEach(comparison -> say("%s", comparison.row()));

            say("");
            List<Double> resumedMillis = new ArrayList<>();
            for (int kill = 1; kill <= kills; kill++) {
                resumedMillis.add(killTheWriterNode(kill, clusterUrl, user, password, script, clusterChannels, run,
                        ids, anchors, killWriters));
            }
            List<Double> sorted = resumedMillis.stream().sorted().toList();
            say("");
            say("RESULT galera: cluster / one server, medians: %s; from the writer node's kill -9 to the first"
                            + " acknowledged write, over %d kills: p50 %.0f ms, max %.0f ms (each: %s)",
                    String.join(", ", comparisons.stream().map(c -> f("%s %.2f", c.workload(), c.ratio())).toList()),
                    kills, median(resumedMillis), sorted.get(sorted.size() - 1),
                    String.join(", ", resumedMillis.stream().map(ms -> f("%.0f", ms)).toList()));
        }
    }

    private static WriteBench.OpFactory record(Channels channels, String run, AtomicLong ids, int anchors) {
        return thread -> {
            ViolationServiceGrpc.ViolationServiceBlockingStub stub =
                    ViolationServiceGrpc.newBlockingStub(channels.get(thread));
            return sequence -> {
                stub.recordViolation(WriteBench.violation(run, ids.incrementAndGet(), anchors));
                return 1;
            };
        };
    }

    /** A workload on both, as a row of the table, and its median ratio cluster / one server. */
    private record Comparison(String workload, String row, double ratio) {
    }

    /** Interleaved repetitions of the same workload on one server and on the cluster. */
    private static Comparison compare(String workload, int concurrency, Duration warmup, Duration seconds, int reps,
                                  WriteBench.OpFactory single, WriteBench.OpFactory cluster, boolean perItem)
            throws Exception {
        List<WriteBench.Result> singleRuns = new ArrayList<>();
        List<WriteBench.Result> clusterRuns = new ArrayList<>();
        List<String> ratios = new ArrayList<>();
        for (int rep = 1; rep <= reps; rep++) {
            WriteBench.Result s = WriteBench.closedLoop(single, concurrency, warmup, seconds);
            WriteBench.Result c = WriteBench.closedLoop(cluster, concurrency, warmup, seconds);
            singleRuns.add(s);
            clusterRuns.add(c);
            double singleRate = perItem ? s.itemsPerSecond() : s.callsPerSecond();
            double clusterRate = perItem ? c.itemsPerSecond() : c.callsPerSecond();
            ratios.add(f("%.2f", clusterRate / singleRate));
            say("%s rep %d: one server %.0f/s (p50 %.1f ms, p99 %.1f ms), cluster %.0f/s (p50 %.1f ms, p99 %.1f ms),"
                            + " errors %d + %d", workload, rep, singleRate, s.p50Micros() / 1000, s.p99Micros() / 1000,
                    clusterRate, c.p50Micros() / 1000, c.p99Micros() / 1000, s.errors(), c.errors());
        }
        double singleRate = median(singleRuns, r -> perItem ? r.itemsPerSecond() : r.callsPerSecond());
        double clusterRate = median(clusterRuns, r -> perItem ? r.itemsPerSecond() : r.callsPerSecond());
        return new Comparison(workload, f("| %s | %.0f | %.1f | %.1f | %.0f | %.1f | %.1f | %d | **%.2f** (per rep: %s) |",
                workload, singleRate,
                median(singleRuns, WriteBench.Result::p50Micros) / 1000,
                median(singleRuns, WriteBench.Result::p99Micros) / 1000, clusterRate,
                median(clusterRuns, WriteBench.Result::p50Micros) / 1000,
                median(clusterRuns, WriteBench.Result::p99Micros) / 1000,
                singleRuns.stream().mapToLong(WriteBench.Result::errors).sum()
                        + clusterRuns.stream().mapToLong(WriteBench.Result::errors).sum(),
                clusterRate / singleRate, String.join(", ", ratios)), clusterRate / singleRate);
    }

    /**
     * Writers retrying each request until acknowledged; kill -9 of the node holding the instance's
     * connections; answers the milliseconds from the kill to the first acknowledgment of a call sent
     * after it. The node is started again (from its own data) and synced before this returns.
     */
    private static double killTheWriterNode(int kill, String clusterUrl, String user, String password, String script,
                                            Channels channels, String run, AtomicLong ids, int anchors, int writers)
            throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<long[]> acknowledged = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            pool.submit(() -> {
                ViolationServiceGrpc.ViolationServiceBlockingStub stub =
                        ViolationServiceGrpc.newBlockingStub(channels.get(writer));
                while (running.get()) {
                    RecordViolationRequest request = WriteBench.violation(run, ids.incrementAndGet(), anchors);
                    while (true) {
                        long sent = System.nanoTime();
                        try {
                            stub.withDeadlineAfter(3, TimeUnit.SECONDS).recordViolation(request);
                            acknowledged.add(new long[] {sent, System.nanoTime()});
                            break;
                        } catch (StatusRuntimeException e) {
                            Thread.sleep(50);
                        }
                    }
                }
                return null;
            });
        }
        Thread.sleep(2000);
        int node = writerNode(clusterUrl, user, password);
        long killedAt = System.nanoTime();
        galera(script, Duration.ofSeconds(10), "kill", String.valueOf(node));
        long deadline = killedAt + TimeUnit.SECONDS.toNanos(60);
        long firstAcknowledged = 0;
        while (firstAcknowledged == 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
            firstAcknowledged = acknowledged.stream().filter(a -> a[0] - killedAt > 0).mapToLong(a -> a[1]).min()
                    .orElse(0);
        }
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        if (firstAcknowledged == 0) {
            throw new IllegalStateException("no write acknowledged within 60 s of node " + node + "'s death");
        }
        double millis = (firstAcknowledged - killedAt) / 1e6;
        long restarting = System.nanoTime();
        galera(script, Duration.ofSeconds(180), "start-node", String.valueOf(node));
        say("kill %d: node %d killed -9 under %d writers; first acknowledged write %.0f ms later; the node rejoined"
                + " in %.1f s", kill, node, writers, millis, (System.nanoTime() - restarting) / 1e9);
        return millis;
    }

    /** The node of the cluster URL holding the most connections to its database: the one taking the writes. */
    private static int writerNode(String clusterUrl, String user, String password) throws SQLException {
        String hostsAndDatabase = clusterUrl.substring(clusterUrl.indexOf("//") + 2);
        String database = hostsAndDatabase.substring(hostsAndDatabase.indexOf('/') + 1).replaceAll("[?;].*$", "");
        String[] hosts = hostsAndDatabase.substring(0, hostsAndDatabase.indexOf('/')).split(",");
        int writer = 0;
        long most = -1;
        for (int node = 1; node <= hosts.length; node++) {
            try (Connection connection = DriverManager.getConnection("jdbc:mysql://" + hosts[node - 1] + "/", user,
                    password);
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT COUNT(*) FROM information_schema.PROCESSLIST"
                         + " WHERE DB = '" + database + "'")) {
                rows.next();
                if (rows.getLong(1) > most) {
                    most = rows.getLong(1);
                    writer = node;
                }
            }
        }
        return writer;
    }

    private static void galera(String script, Duration patience, String... arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: "
                    + new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
