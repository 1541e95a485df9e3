package com.anchorhealth.bench;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * {@code java -jar bench/target/anchor-health-bench.jar COMMAND [--flag value ...]}; see
 * docs/PERFORMANCE.md for what each command measures and how to read it.
 */
public final class Bench {
    static final String USAGE = """
            usage: java -jar bench/target/anchor-health-bench.jar COMMAND [flags]
              capability  CheckCapability vs a bare gRPC Health server, closed loop then open loop
                          [--concurrency 1,16,64] [--seconds 10] [--warmup 3] [--reps 3] [--anchors 10000]
                          [--channels 4] [--open-fraction 0.5 (the headline)] [--open-fractions 0.25,0.5]
                          [--bare-executor pool|direct] (the baseline's executor: a fixed pool of 32, or none)
                          [--requests prebuilt|per-call] (the load client's CheckCapability requests: built before
                          the load, as the baseline's, or one a call) [--baseline health|decision] (the bare
                          server's Health/Check, or its CheckCapability answering one prebuilt Decision)
              heap        retained heap of a StandingIndex per 1M standings (run with -Xmx2g or more)
                          [--anchors 1000000] [--reps 3] [--baseline yes|no] (no: this build's index alone)
              index-load  the standing index loaded from MariaDB at start, against the previous load, and the
                          stream alone; the store is seeded once and reused [--anchors 1000000] [--reps 3]
                          [--baseline yes|no] [--reseed yes] [--url jdbc:mariadb://127.0.0.1:3306/anchor_health_bench_load]
              anchors     CheckCapability QPS with 10k vs 1M anchors loaded
                          [--few 10000] [--many 1000000] [--concurrency 64] [--seconds 10] [--reps 3]
                          [--many-url jdbc:mariadb://127.0.0.1:3306/anchor_health_bench] [--user root] [--password '']
              writes      RecordViolation vs raw JDBC insert+commit on MariaDB, and BatchRecordViolations
                          [--url jdbc:mariadb://127.0.0.1:3306/anchor_health_bench] [--user root] [--password '']
                          [--concurrency 1,8,32] [--seconds 8] [--reps 3] [--anchors 20000] [--batch 1000]
              write-ceiling  the least a RecordViolation can write (lock, one row, one upsert, shared commits)
                          over gRPC vs raw JDBC insert+commit [--concurrency 8,32] [--seconds 8] [--reps 3]
                          [--writers 4] [--url ...]
              history     RecordViolation to an anchor with a long history vs one with none, on MariaDB
                          [--url ...] [--history 20000] [--calls 500] [--reps 3]
              overturn    DecideAppeal (OVERTURN) on an anchor with a long history vs one with few, on MariaDB
                          [--url ...] [--history 20000] [--calls 100] [--reps 3]
              held-anchor other anchors' RecordViolation while one anchor's row is held by another MariaDB session,
                          against nothing held [--concurrency 8,32] [--hold 10] [--warmup 1] [--reps 3]
                          [--anchors 20000] [--held-calls 4] [--deadline-ms 5000] [--url ...]
              long-page   ListViolations, first and last page, of an anchor with a long history vs one with few
                          [--history 20000] [--few 10] [--page 50] [--calls 200] [--reps 3] [--url ...]
              store-size  RecordViolation on a store of 1M anchors / 10M violations (seeded set-based once) vs an
                          empty store [--anchors 1000000] [--per-anchor 10] [--calls 1000] [--reps 3] [--reseed yes]
                          [--large-url jdbc:mariadb://127.0.0.1:3306/anchor_health_bench_large] [--empty-url ...]
              console-lists  the console's lists of --anchors anchors over HTTP (sorted by score, filtered by tier
                          and guild, by name, a guild's members), then the page's statement and its count alone
                          [--anchors 100000] [--calls 50] [--reps 3] [--url ... | --url jdbc:h2:file (a temporary file)]
              galera      RecordViolation and BatchRecordViolations on the three-node Galera cluster of .ci/galera vs one
                          MariaDB server, both at once, reps interleaved; then kill -9 of the writer node under writers
                          that retry until acknowledged: kill to first acknowledged write, p50 and max (run from the
                          repository's root, the cluster started) [--cluster-url jdbc:mysql://127.0.0.1:3311,...3313/db]
                          [--single-url jdbc:mariadb://127.0.0.1:3306/anchor_health_bench_single] [--concurrency 8,32]
                          [--seconds 8] [--reps 3] [--anchors 5000] [--batch 1000] [--kills 5] [--kill-writers 8]
                          [--galera-script .ci/galera]
              relay-lag   the change feed's relay to Kafka under BatchRecordViolations callers back to back, against the
                          same writes without the relay: lag (changes, seconds) p50/p99/max, commit to consumer; a
                          single KRaft broker from Kafka's jars, so run it as
                          java -cp "bench/target/anchor-health-bench.jar:$(cat bench/target/kafka-broker.classpath)" \
                            com.anchorhealth.bench.Bench relay-lag
                          [--url jdbc:mariadb://127.0.0.1:3306/anchor_health_bench_relay] [--baseline-url ...]
                          [--callers 2] [--batch 1000] [--seconds 16] [--reps 3] [--anchors 20000]
              simulation  SimulatePolicy over gRPC and from the console, on a server already running on a seeded store
                          (bench/simulation/run.sh starts it) [--grpc-port 50071] [--web-port 50072] [--reps 3]
                          [--label server] [--console yes|no] [--status-url jdbc:mysql://127.0.0.1:3306/] [--user root]
                          [--password '']
              h2-writes   RecordViolation on an embedded H2 file: WRITE_DELAY=0 (durable) vs 500 (H2's default)
                          [--concurrency 1,8,32] [--seconds 8] [--reps 3] [--anchors 20000]
            """;

    private Bench() {
    }

    public static void main(String[] argv) throws Exception {
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT.%1$tL %4$s %3$s: %5$s%6$s%n");
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        if (argv.length == 0 || argv[0].equals("--help")) {
            System.out.print(USAGE);
            return;
        }
        Args args = new Args(List.of(argv).subList(1, argv.length));
        Stats.say("# anchor-health-bench %s: %d CPUs, max heap %d MiB, JVM %s %s", argv[0],
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20,
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"));
        Stats.say("# JVM args: %s", ManagementFactory.getRuntimeMXBean().getInputArguments());
        DatabaseCpu.watchServerOf(args.string("url", ""));
        switch (argv[0]) {
            case "capability" -> CapabilityBench.runCapability(args);
            case "anchors" -> CapabilityBench.runAnchors(args);
            case "heap" -> HeapBench.run(args);
            case "index-load" -> IndexLoadBench.run(args);
            case "writes" -> WriteBench.run(args);
            case "write-ceiling" -> WriteCeilingBench.run(args);
            case "history" -> HistoryBench.run(args);
            case "overturn" -> OverturnBench.run(args);
            case "held-anchor" -> HeldAnchorBench.run(args);
            case "long-page" -> LongPageBench.run(args);
            case "store-size" -> StoreSizeBench.run(args);
            case "h2-writes" -> H2DurabilityBench.run(args);
            case "galera" -> GaleraBench.run(args);
            case "relay-lag" -> RelayLagBench.run(args);
            case "console-lists" -> ConsoleListsBench.run(args);
            case "simulation" -> SimulationBench.run(args);
            default -> {
                System.err.print(USAGE);
                System.exit(2);
            }
        }
        System.exit(0);
    }
}
