package com.anchorhealth.bench;

import com.anchorhealth.api.v1.CreateGuildRequest;
import com.anchorhealth.api.v1.GuildServiceGrpc;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.AnchorFilter;
import com.anchorhealth.application.port.out.anchor.AnchorOrder;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.server.BenchServer;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static com.anchorhealth.bench.Stats.median;
import static com.anchorhealth.bench.Stats.say;

/**
 * Benchmark 10: the back office's lists at 100k anchors. One server (H2 file or MariaDB) seeded in
 * bulk with {@code --anchors} anchors: 30% in one large guild, 50% spread over 50 guilds of about a
 * thousand, 20% in none; 10% of them below the full score (uniformly), so that every tier holds some.
 * One caller loads console pages over loopback HTTP, each kind in turn so that all see the machine at
 * the same moments: the anchors sorted by score (both ways), filtered by tier and by the large guild,
 * their last page, by name, and the guild's members. Then, in the server's process without HTTP, the
 * two statements the main page runs apart: the sorted, filtered page and its count.
 */
final class ConsoleListsBench {
    static final String LARGE_GUILD = "guild-large";
    private static final int TARGET_MS = 200;

    private ConsoleListsBench() {
    }

    static void run(Args args) throws Exception {
        String url = args.string("url", "jdbc:mariadb://127.0.0.1:3306/anchor_health_bench");
        String user = args.string("user", "root");
        String password = args.string("password", "");
        int anchors = args.integer("anchors", 100_000);
        int calls = args.integer("calls", 50);
        int reps = args.integer("reps", 3);

        if (!url.startsWith("jdbc:h2:")) {
            measure(WriteBench.recreateDatabase(url, user, password), user, password, anchors, calls, reps);
            return;
        }
        Path directory = Files.createTempDirectory("anchor-health-lists-bench");
        say("# H2 file under %s, deleted afterwards", directory);
        try {
            measure("jdbc:h2:file:" + directory.resolve("anchor-health"), "sa", "", anchors, calls, reps);
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private static void measure(String jdbcUrl, String user, String password, int anchors, int calls, int reps)
            throws Exception {
        long started = System.nanoTime();
        try (BenchServer server = BenchServer.start(jdbcUrl, user, password,
                db -> BulkAnchors.insert(db, anchors, false, ConsoleListsBench::guildOf))) {
            try (Channels channels = new Channels(server.port(), 1)) {
                GuildServiceGrpc.GuildServiceBlockingStub guilds = GuildServiceGrpc.newBlockingStub(channels.get(0));
                for (String guild : guilds()) {
                    guilds.createGuild(CreateGuildRequest.newBuilder().setRequestId(guild).setGuildId(guild)
                            .setDisplayName("Agency " + guild).build());
                }
            }
            String console = server.startConsole();
            say("# %d anchors seeded and loaded in %.1f s; console on %s", server.anchorsLoaded(),
                    (System.nanoTime() - started) / 1e9, console);

            Map<String, String> pages = new LinkedHashMap<>();
            pages.put("anchors by score, lowest first", "/anchors?sort=score");
            pages.put("anchors by score, highest first", "/anchors?sort=-score");
            pages.put("tier NORMAL, guild-large, by score", "/anchors?tier=NORMAL&guild=" + LARGE_GUILD + "&sort=score");
            pages.put("tier RESTRICTED, guild-large, by score, highest first",
                    "/anchors?tier=RESTRICTED&guild=" + LARGE_GUILD + "&sort=-score");
            pages.put("tier NORMAL, guild-large, by score: last page",
                    "/anchors?tier=NORMAL&guild=" + LARGE_GUILD + "&sort=score&end=last");
            pages.put("anchors by name", "/anchors?sort=name");
            pages.put("tier SEVERELY_RESTRICTED, by id", "/anchors?tier=SEVERELY_RESTRICTED");
            pages.put("search 'Anchor 77', by score", "/anchors?q=Anchor+77&sort=score");
            pages.put("guild-large's page, members by score", "/guilds/" + LARGE_GUILD + "?sort=score");
            HttpClient http = HttpClient.newHttpClient();
            Map<String, Supplier<Object>> loads = new LinkedHashMap<>();
            pages.forEach((name, path) -> loads.put(name, () -> load(http, console + path)));
            Map<String, Double> pageMedians = timeInTurn("page over HTTP", loads, calls, reps);

            Anchors store = server.instance(Anchors.class);
            AnchorFilter normalInLarge = new AnchorFilter(40, Integer.MAX_VALUE, Optional.of(Set.of(LARGE_GUILD)));
            PageRequest secondPage = new PageRequest(25, store.list(normalInLarge, AnchorOrder.SCORE_ASCENDING,
                    PageRequest.first(25)).nextAfter());
            Optional<String> secondStarts = store.list(normalInLarge, AnchorOrder.SCORE_ASCENDING, secondPage)
                    .previousBefore();
            say("%n# tier NORMAL in %s: %s", LARGE_GUILD, store.count(normalInLarge, AnchorOrder.SCORE_ASCENDING,
                    secondStarts));
            Map<String, Supplier<Object>> statements = new LinkedHashMap<>();
            statements.put("the page: tier NORMAL, guild-large, by score, 2nd page",
                    () -> store.list(normalInLarge, AnchorOrder.SCORE_ASCENDING, secondPage));
            statements.put("its count, and the anchors before the page",
                    () -> store.count(normalInLarge, AnchorOrder.SCORE_ASCENDING, secondStarts));
            statements.put("the count of every anchor", () -> store.count(AnchorFilter.ALL, AnchorOrder.ID,
                    Optional.empty()));
            timeInTurn("statement, in the server's process", statements, calls, reps);

            double worst = pageMedians.values().stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            say("%nRESULT console-lists: %d anchors, the slowest page's p50 %.1f ms (medians of %d reps; "
                    + "target <= %d ms)", anchors, worst, reps, TARGET_MS);
        }
    }

    private static List<String> guilds() {
        List<String> guilds = new ArrayList<>(List.of(LARGE_GUILD));
        IntStream.range(0, 50).forEach(i -> guilds.add("guild-" + i));
        return guilds;
    }

    /** 30% in the large guild, 50% in 50 guilds of about 1,000, 20% in none. */
    private static String guildOf(int i) {
        int tenth = i % 10;
        return tenth < 3 ? LARGE_GUILD : tenth < 8 ? "guild-" + (i / 10 % 50) : null;
    }

    private static Object load(HttpClient http, String url) {
        try {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (page.statusCode() != 200) {
                throw new IllegalStateException(url + " answered " + page.statusCode() + ": " + page.body());
            }
            return page.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * {@code calls} of each kind per repetition, one of each in turn, after as many unmeasured; prints
     * a row per kind with the p50 of each repetition; answers each kind's median p50 in ms.
     */
    private static Map<String, Double> timeInTurn(String what, Map<String, Supplier<Object>> kinds, int calls,
                                                  int reps) {
        for (int i = 0; i < calls; i++) {
            kinds.values().forEach(Supplier::get);
        }
        Map<String, List<Histogram>> histograms = new LinkedHashMap<>();
        kinds.keySet().forEach(name -> histograms.put(name, new ArrayList<>()));
        for (int rep = 0; rep < reps; rep++) {
            Map<String, Histogram> now = new LinkedHashMap<>();
            kinds.keySet().forEach(name -> now.put(name, new Histogram(3)));
            for (int i = 0; i < calls; i++) {
                kinds.forEach((name, call) -> {
                    long start = System.nanoTime();
                    call.get();
                    now.get(name).recordValue(System.nanoTime() - start);
                });
            }
            now.forEach((name, histogram) -> histograms.get(name).add(histogram));
        }
        say("");
        say("| %s | p50 ms (per rep) | p99 ms (per rep) | median p50 ms |", what);
        say("|---|---|---|---|");
        Map<String, Double> medians = new LinkedHashMap<>();
        histograms.forEach((name, runs) -> {
            List<Double> p50s = runs.stream().map(h -> h.getValueAtPercentile(50) / 1e6).toList();
            List<Double> p99s = runs.stream().map(h -> h.getValueAtPercentile(99) / 1e6).toList();
            medians.put(name, median(p50s));
            say("| %s | %s | %s | **%.1f** |", name, joined(p50s), joined(p99s), median(p50s));
        });
        return medians;
    }

    private static String joined(List<Double> values) {
        return String.join(", ", values.stream().map(v -> Stats.f("%.1f", v)).toList());
    }
}
