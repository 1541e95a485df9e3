package com.anchorhealth.bench;

import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.anchorhealth.server.BenchServer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static com.anchorhealth.bench.Stats.f;
import static com.anchorhealth.bench.Stats.median;
import static com.anchorhealth.bench.Stats.say;

/**
 * What keeping every acknowledged write costs on the embedded H2 database: RecordViolation over
 * gRPC on an H2 file with WRITE_DELAY=0 (the server's setting: a commit is in the file before it is
 * acknowledged) against H2's own default, WRITE_DELAY=500 (committed changes written up to half a
 * second later, lost if the process is killed), at the same concurrency, repetitions interleaved.
 */
final class H2DurabilityBench {
    private static final List<String> WRITE_DELAYS = List.of("0", "500");

    private H2DurabilityBench() {
    }

    static void run(Args args) throws Exception {
        List<Integer> concurrencies = args.integers("concurrency", "1,8,32");
        Duration seconds = Duration.ofSeconds(args.integer("seconds", 8));
        Duration warmup = Duration.ofSeconds(args.integer("warmup", 2));
        int reps = args.integer("reps", 3);
        int anchors = args.integer("anchors", 20_000);
        Path directory = Files.createTempDirectory("anchor-health-h2-bench");
        List<String> table = new ArrayList<>();
        table.add("| concurrency | WRITE_DELAY=0 /s | p50 µs | p99 µs | WRITE_DELAY=500 /s | p50 µs | p99 µs "
                + "| ratio 0 / 500 |");
        table.add("|---|---|---|---|---|---|---|---|");
        for (int concurrency : concurrencies) {
            List<WriteBench.Result> durable = new ArrayList<>();
            List<WriteBench.Result> delayed = new ArrayList<>();
            for (int rep = 0; rep < reps; rep++) {
                for (String writeDelay : WRITE_DELAYS) {
                    Path file = directory.resolve("c" + concurrency + "-r" + rep + "-d" + writeDelay);
                    String url = "jdbc:h2:file:" + file.resolve("anchor-health") + ";WRITE_DELAY=" + writeDelay;
                    try (BenchServer server = BenchServer.start(url, "sa", "", db -> BulkAnchors.insert(db, anchors, true));
                         Channels channels = new Channels(server.port(), 4)) {
                        AtomicLong ids = new AtomicLong();
                        String run = Long.toString(System.nanoTime(), 36);
                        WriteBench.Result result = WriteBench.closedLoop(thread -> {
                            ViolationServiceGrpc.ViolationServiceBlockingStub stub =
                                    ViolationServiceGrpc.newBlockingStub(channels.get(thread));
                            return sequence -> {
                                stub.recordViolation(WriteBench.violation(run, ids.incrementAndGet(), anchors));
                                return 1;
                            };
                        }, concurrency, warmup, seconds);
                        (writeDelay.equals("0") ? durable : delayed).add(result);
                        say("c=%-3d rep %d WRITE_DELAY=%-3s %8.0f/s p50=%7.0fµs p99=%7.0fµs errors=%d", concurrency,
                                rep, writeDelay, result.callsPerSecond(), result.p50Micros(), result.p99Micros(),
                                result.errors());
                    }
                }
            }
            double durableRate = median(durable, WriteBench.Result::callsPerSecond);
            double delayedRate = median(delayed, WriteBench.Result::callsPerSecond);
            table.add(f("| %d | %.0f | %.0f | %.0f | %.0f | %.0f | %.0f | %.2f |", concurrency, durableRate,
                    median(durable, WriteBench.Result::p50Micros), median(durable, WriteBench.Result::p99Micros),
                    delayedRate, median(delayed, WriteBench.Result::p50Micros),
                    median(delayed, WriteBench.Result::p99Micros), durableRate / delayedRate));
        }
        say("# medians of %d repetitions, %d s each after %d s of warm-up, %d anchors", reps, seconds.toSeconds(),
                warmup.toSeconds(), anchors);
        table.forEach(Stats::say);
    }
}
