package com.anchorhealth.bench;

import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.server.BenchServer;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthGrpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import static com.anchorhealth.bench.Stats.f;
import static com.anchorhealth.bench.Stats.median;
import static com.anchorhealth.bench.Stats.say;

/**
 * Benchmarks 1 and 3: CheckCapability of the real server (H2 in memory, anchors bulk-loaded, served
 * over Netty on loopback) against the baseline, in the same process run, with the repetitions of
 * the two interleaved so that the noise of a shared machine falls on both alike.
 * <ul>
 *   <li>{@code capability}: baseline = a bare gRPC Health/Check server; closed loop at each
 *   concurrency, then an open loop at a fraction of the highest CheckCapability rate.</li>
 *   <li>{@code anchors}: baseline = the same server with few anchors (10k) against one with many
 *   (1M), closed loop at one concurrency.</li>
 * </ul>
 */
final class CapabilityBench {
    private static final Capability[] CAPABILITIES = {Capability.LIVE_RECOMMENDATION, Capability.PK,
            Capability.GIFTS, Capability.WITHDRAW_VIOLATION_INCOME, Capability.LIVE_BROADCAST,
            Capability.ECOMMERCE_SELLING, Capability.TRAFFIC_SUPPORT};

    private CapabilityBench() {
    }

    /** A named thing to load, over its own channels. */
    record Target(String name, LoadGenerator.Call call, AutoCloseable channels) {
    }

    static Target health(String name, int port, int channelCount) {
        Channels channels = new Channels(port, channelCount);
        List<HealthGrpc.HealthFutureStub> stubs = new ArrayList<>();
        for (int i = 0; i < channelCount; i++) {
            stubs.add(HealthGrpc.newFutureStub(channels.get(i)));
        }
        HealthCheckRequest request = HealthCheckRequest.getDefaultInstance();
        return new Target(name, sequence -> stubs.get((int) (sequence % channelCount)).check(request), channels);
    }

    /**
     * Checks of random loaded anchors, cycling through every capability. With {@code prebuilt}, every
     * request is built before the load starts, as the bare server's is: building one a call is the load
     * client's work, on the cores the servers use, not the server's. Without, each call builds its own
     * (where two servers of one kind are compared, and a million anchors' requests would fill the heap).
     */
    static Target capability(String name, int port, int channelCount, int anchors, boolean prebuilt) {
        Channels channels = new Channels(port, channelCount);
        List<CapabilityServiceGrpc.CapabilityServiceFutureStub> stubs = new ArrayList<>();
        for (int i = 0; i < channelCount; i++) {
            stubs.add(CapabilityServiceGrpc.newFutureStub(channels.get(i)));
        }
        CheckCapabilityRequest[][] built = prebuilt ? requests(anchors) : null;
        return new Target(name, sequence -> {
            int anchor = ThreadLocalRandom.current().nextInt(anchors);
            int capability = (int) (sequence % CAPABILITIES.length);
            return stubs.get((int) (sequence % channelCount)).checkCapability(
                    prebuilt ? built[anchor][capability] : request(anchor, capability));
        }, channels);
    }

    private static CheckCapabilityRequest[][] requests(int anchors) {
        CheckCapabilityRequest[][] requests = new CheckCapabilityRequest[anchors][CAPABILITIES.length];
        for (int anchor = 0; anchor < anchors; anchor++) {
            for (int capability = 0; capability < CAPABILITIES.length; capability++) {
                CheckCapabilityRequest request = request(anchor, capability);
                // Encodes the strings once: the message keeps their bytes for every send after.
                request.getAnchorIdBytes();
                request.getLiveSessionIdBytes();
                requests[anchor][capability] = request;
            }
        }
        return requests;
    }

    /** The check of {@code CAPABILITIES[capability]}; a withdrawal names one of 1,024 live sessions. */
    private static CheckCapabilityRequest request(int anchor, int capability) {
        CheckCapabilityRequest.Builder request = CheckCapabilityRequest.newBuilder()
                .setAnchorId(BulkAnchors.anchorId(anchor)).setCapability(CAPABILITIES[capability]);
        if (CAPABILITIES[capability] == Capability.WITHDRAW_VIOLATION_INCOME) {
            request.setLiveSessionId("live-" + (anchor & 1023));
        }
        return request.build();
    }

    static BenchServer startServer(String name, int anchors) throws Exception {
        return startServer(name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", anchors);
    }

    /** The real server over {@code url}, its store bulk-loaded with {@code anchors} anchors before it starts. */
    static BenchServer startServer(String name, String url, String user, String password, int anchors)
            throws Exception {
        long started = System.nanoTime();
        long[] loaded = new long[1];
        BenchServer server = BenchServer.start(url, user, password, database -> {
            BulkAnchors.insert(database, anchors, false);
            loaded[0] = System.nanoTime();
        });
        say("# server %s: %d anchors bulk-inserted in %.1f s, then loaded into the standing index and serving "
                        + "on port %d after %.1f s more", name, server.anchorsLoaded(), (loaded[0] - started) / 1e9,
                server.port(), (System.nanoTime() - loaded[0]) / 1e9);
        return server;
    }

    /** {@code capability}: CheckCapability against bare Health, closed and open loop. */
    static void runCapability(Args args) throws Exception {
        List<Integer> concurrencies = args.integers("concurrency", "1,16,64");
        Duration seconds = Duration.ofSeconds(args.integer("seconds", 10));
        Duration warmup = Duration.ofSeconds(args.integer("warmup", 3));
        int reps = args.integer("reps", 3);
        int anchors = args.integer("anchors", 10_000);
        int channelCount = args.integer("channels", 4);
        double openFraction = args.number("open-fraction", 0.5);
        List<Double> openFractions = new ArrayList<>();
        for (String part : args.string("open-fractions", "0.25,0.5").split(",")) {
            openFractions.add(Double.parseDouble(part.trim()));
        }
        if (!openFractions.contains(openFraction)) {
            openFractions.add(openFraction);
        }

        try (BenchServer app = startServer("capability", anchors);
             BareHealthServer bare = new BareHealthServer(app.handlerThreads(), app.maxConcurrentCallsPerConnection(),
                     app.maxInboundMessageBytes(), args.string("bare-executor", "pool").equals("direct"))) {
            say("# baseline executor: %s", args.string("bare-executor", "pool").equals("direct")
                    ? "direct (calls on the transport threads)" : "fixed pool of " + app.handlerThreads() + " threads");
            boolean prebuilt = args.string("requests", "prebuilt").equals("prebuilt");
            say("# CheckCapability requests: %s", prebuilt ? "built before the load" : "built by each call");
            Target baseline = args.string("baseline", "health").equals("decision")
                    ? capability("one Decision (bare server)", bare.port(), channelCount, anchors, prebuilt)
                    : health("Health/Check (bare server)", bare.port(), channelCount);
            Target subject = capability("CheckCapability", app.port(), channelCount, anchors, prebuilt);
            try (AutoCloseable a = baseline.channels(); AutoCloseable b = subject.channels()) {
                jitWarmup(args, List.of(baseline, subject), concurrencies.get(concurrencies.size() - 1));
                say("# closed loop: %s s measured after %s s warm-up, %d repetitions, %d channels per target",
                        seconds.toSeconds(), warmup.toSeconds(), reps, channelCount);
                Map<Integer, List<LoadGenerator.Result>> base = new LinkedHashMap<>();
                Map<Integer, List<LoadGenerator.Result>> subj = new LinkedHashMap<>();
                for (int concurrency : concurrencies) {
                    for (int rep = 1; rep <= reps; rep++) {
                        for (Target target : List.of(baseline, subject)) {
                            LoadGenerator.Result result = LoadGenerator.closedLoop(target.call(), concurrency, warmup,
                                    seconds);
                            (target == baseline ? base : subj).computeIfAbsent(concurrency, c -> new ArrayList<>())
                                    .add(result);
                            say("closed c=%-3d rep %d %-28s %s", concurrency, rep, target.name(), line(result));
                        }
                    }
                }
                say("");
                say("| closed loop | concurrency | QPS (median) | p50 µs | p99 µs | p99.9 µs | errors | "
                        + "CheckCapability QPS / baseline QPS |");
                say("|---|---|---|---|---|---|---|---|");
                for (int concurrency : concurrencies) {
                    List<LoadGenerator.Result> b1 = base.get(concurrency);
                    List<LoadGenerator.Result> s1 = subj.get(concurrency);
                    say(row(baseline.name(), concurrency, b1, ""));
                    say(row(subject.name(), concurrency, s1, f("**%.2f** (per-rep: %s)",
                            median(s1, LoadGenerator.Result::qps) / median(b1, LoadGenerator.Result::qps),
                            perRepRatios(s1, b1))));
                }

                int top = concurrencies.get(concurrencies.size() - 1);
                double maxRate = median(subj.get(top), LoadGenerator.Result::qps);
                double headlineP99 = Double.NaN;
                double headlineBaseP99 = Double.NaN;
                double headlineRate = Double.NaN;
                List<String> openTable = new ArrayList<>();
                openTable.add("| open loop | fraction of max | offered rate/s | achieved QPS (median) | p50 µs | p99 µs "
                        + "| p99.9 µs | errors |");
                openTable.add("|---|---|---|---|---|---|---|---|");
                for (double fraction : openFractions) {
                    double rate = Math.floor(maxRate * fraction);
                    say("");
                    say("# open loop at %.0f calls/s = %.2f x the CheckCapability closed-loop QPS at c=%d; latency "
                            + "from the intended send time", rate, fraction, top);
                    List<LoadGenerator.Result> openBase = new ArrayList<>();
                    List<LoadGenerator.Result> openSubj = new ArrayList<>();
                    for (int rep = 1; rep <= reps; rep++) {
                        for (Target target : List.of(baseline, subject)) {
                            LoadGenerator.Result result = LoadGenerator.openLoop(target.call(), rate, warmup, seconds);
                            (target == baseline ? openBase : openSubj).add(result);
                            say("open %.0f/s rep %d %-28s %s", rate, rep, target.name(), line(result));
                        }
                    }
                    openTable.add(openRow(baseline.name(), fraction, rate, openBase));
                    openTable.add(openRow(subject.name(), fraction, rate, openSubj));
                    if (fraction == openFraction) {
                        headlineRate = rate;
                        headlineP99 = median(openSubj, LoadGenerator.Result::p99Micros);
                        headlineBaseP99 = median(openBase, LoadGenerator.Result::p99Micros);
                    }
                }
                say("");
                openTable.forEach(Stats::say);
                say("");
                say("RESULT capability: QPS ratio at c=%d = %.2f (target >= 0.8); open-loop p99 at %.0f/s (%.2f x max) "
                                + "= %.0f µs (target <= 2000 µs); baseline p99 at that rate %.0f µs", top,
                        median(subj.get(top), LoadGenerator.Result::qps) / median(base.get(top), LoadGenerator.Result::qps),
                        headlineRate, openFraction, headlineP99, headlineBaseP99);
            }
        }
    }

    /** {@code anchors}: CheckCapability QPS with few anchors loaded against many. */
    static void runAnchors(Args args) throws Exception {
        int few = args.integer("few", 10_000);
        int many = args.integer("many", 1_000_000);
        int concurrency = args.integer("concurrency", 64);
        Duration seconds = Duration.ofSeconds(args.integer("seconds", 10));
        Duration warmup = Duration.ofSeconds(args.integer("warmup", 3));
        int reps = args.integer("reps", 3);
        int channelCount = args.integer("channels", 4);

        // The 1M store is MariaDB: H2 pages through the anchors table in quadratic time at start-up
        // (see docs/PERFORMANCE.md). The store plays no part in CheckCapability, served from memory.
        String manyUrl = args.string("many-url", "jdbc:mariadb://127.0.0.1:3306/anchor_health_bench");
        String user = args.string("user", "root");
        String password = args.string("password", "");
        if (!manyUrl.startsWith("jdbc:h2:")) {
            WriteBench.recreateDatabase(manyUrl, user, password);
        }
        try (BenchServer small = startServer("anchors-" + few, few);
             BenchServer large = startServer("anchors-" + many, manyUrl, user, password, many)) {
            Target baseline = capability("CheckCapability " + few + " anchors", small.port(), channelCount, few, false);
            Target subject = capability("CheckCapability " + many + " anchors", large.port(), channelCount, many, false);
            try (AutoCloseable a = baseline.channels(); AutoCloseable b = subject.channels()) {
                jitWarmup(args, List.of(baseline, subject), concurrency);
                List<LoadGenerator.Result> base = new ArrayList<>();
                List<LoadGenerator.Result> subj = new ArrayList<>();
                for (int rep = 1; rep <= reps; rep++) {
                    for (Target target : List.of(baseline, subject)) {
                        LoadGenerator.Result result = LoadGenerator.closedLoop(target.call(), concurrency, warmup,
                                seconds);
                        (target == baseline ? base : subj).add(result);
                        say("closed c=%-3d rep %d %-36s %s", concurrency, rep, target.name(), line(result));
                    }
                }
                say("");
                say("| closed loop | concurrency | QPS (median) | p50 µs | p99 µs | p99.9 µs | errors | "
                        + "ratio to %d anchors |", few);
                say("|---|---|---|---|---|---|---|---|");
                say(row(baseline.name(), concurrency, base, ""));
                double ratio = median(subj, LoadGenerator.Result::qps) / median(base, LoadGenerator.Result::qps);
                say(row(subject.name(), concurrency, subj, f("**%.2f** (per-rep: %s)", ratio, perRepRatios(subj, base))));
                say("");
                say("RESULT anchors: QPS(%d anchors) / QPS(%d anchors) at c=%d = %.2f (target >= 0.9)", many, few,
                        concurrency, ratio);
            }
        }
    }

    /** Compiles the hot code of client and servers before anything is measured. */
    static void jitWarmup(Args args, List<Target> targets, int concurrency) throws InterruptedException {
        int seconds = args.integer("jit-warmup", 5);
        for (Target target : targets) {
            LoadGenerator.Result result = LoadGenerator.closedLoop(target.call(), concurrency, Duration.ofSeconds(seconds),
                    Duration.ofSeconds(1));
            say("# JIT warm-up %-28s %ds at c=%d, then %.0f calls/s", target.name(), seconds + 1, concurrency,
                    result.qps());
        }
    }

    static String line(LoadGenerator.Result r) {
        return f("qps=%9.0f p50=%7.0fµs p99=%7.0fµs p99.9=%7.0fµs max=%7.0fµs n=%d errors=%d", r.qps(),
                r.p50Micros(), r.p99Micros(), r.p999Micros(), r.maxMicros(), r.completed(), r.errors());
    }

    private static String row(String name, int concurrency, List<LoadGenerator.Result> runs, String ratio) {
        return f("| %s | %d | %.0f | %.0f | %.0f | %.0f | %d | %s |", name, concurrency,
                median(runs, LoadGenerator.Result::qps), median(runs, LoadGenerator.Result::p50Micros),
                median(runs, LoadGenerator.Result::p99Micros), median(runs, LoadGenerator.Result::p999Micros),
                runs.stream().mapToLong(LoadGenerator.Result::errors).sum(), ratio);
    }

    private static String openRow(String name, double fraction, double rate, List<LoadGenerator.Result> runs) {
        return f("| %s | %.2f | %.0f | %.0f | %.0f | %.0f | %.0f | %d |", name, fraction, rate,
                median(runs, LoadGenerator.Result::qps),
                median(runs, LoadGenerator.Result::p50Micros), median(runs, LoadGenerator.Result::p99Micros),
                median(runs, LoadGenerator.Result::p999Micros),
                runs.stream().mapToLong(LoadGenerator.Result::errors).sum());
    }

    private static String perRepRatios(List<LoadGenerator.Result> subject, List<LoadGenerator.Result> baseline) {
        List<String> ratios = new ArrayList<>();
        for (int i = 0; i < subject.size(); i++) {
            ratios.add(f("%.2f", subject.get(i).qps() / baseline.get(i).qps()));
        }
        return String.join(", ", ratios);
    }
}
