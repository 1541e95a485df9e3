package com.anchorhealth.bench;

import com.anchorhealth.adapter.persistence.Database;
import com.anchorhealth.adapter.persistence.DatabaseSettings;
import com.anchorhealth.adapter.persistence.JooqAnchors;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.bench.baseline.BoxedStandingIndex;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static com.anchorhealth.bench.Stats.median;
import static com.anchorhealth.bench.Stats.say;

/**
 * The standing index loaded at start from MariaDB, as the server loads it, against the load before
 * it (keyset pages of 1,000 whole anchor records, each published into the previous, map-based
 * index), alternated in one process over one store. Also timed: the stream of standings alone, with
 * nothing kept, which bounds the load. The store is seeded once, set-based (90% clean anchors, 9% with
 * a lower score and a last violation, 1% also with selling revoked and a held session), and reused
 * while it holds the expected number of anchors.
 */
final class IndexLoadBench {
    private IndexLoadBench() {
    }

    static void run(Args args) throws SQLException, InterruptedException {
        String url = args.string("url", "jdbc:mariadb://127.0.0.1:3306/anchor_health_bench_load");
        String user = args.string("user", "root");
        String password = args.string("password", "");
        int anchors = args.integer("anchors", 1_000_000);
        int reps = args.integer("reps", 3);
        boolean withBaseline = args.string("baseline", "yes").equals("yes");
        boolean reseed = args.string("reseed", "no").equals("yes");

        String jdbcUrl = StoreSizeBench.jdbcUrl(url);
        boolean seeded = !reseed && StoreSizeBench.anchorCount(jdbcUrl, user, password) == anchors;
        if (!seeded) {
            jdbcUrl = WriteBench.recreateDatabase(url, user, password);
        }
        try (Database database = new Database(new DatabaseSettings(jdbcUrl, user, password))) {
            database.migrate();
            if (!seeded) {
                database.dsl().connection(connection -> seed(connection, anchors));
            }
            JooqAnchors store = new JooqAnchors(database.dsl());
            List<Double> previous = new ArrayList<>();
            List<Double> current = new ArrayList<>();
            List<Double> streamAlone = new ArrayList<>();
            for (int rep = 1; rep <= reps; rep++) {
                if (withBaseline) {
                    BoxedStandingIndex boxed = new BoxedStandingIndex();
                    previous.add(timed(rep, "previous load (pages of records, map index)", () -> {
                        store.forEach(record -> boxed.publish(record.profile().anchorId(),
                                record.score().ledgerSequence(), record.anchor().facts()));
                        return boxed.size();
                    }));
                }
                StandingIndex index = new StandingIndex();
                current.add(timed(rep, "StandingIndex.loadFrom (this build)", () -> {
                    index.loadFrom(store);
                    return index.size();
                }));
                AtomicLong rows = new AtomicLong();
                streamAlone.add(timed(rep, "the stream alone, nothing kept", () -> {
                    store.forEachStanding((anchorId, sequence, facts) -> rows.incrementAndGet());
                    return (int) rows.get();
                }));
            }
            say("");
            say("| load of %d anchors from MariaDB | seconds (median of %d) | per-rep | ratio to the previous load |",
                    anchors, reps);
            say("|---|---|---|---|");
            double base = withBaseline ? median(previous) : Double.NaN;
            if (withBaseline) {
                say("| previous load: pages of 1,000 records into the map index | %.2f | %s | 1.00 |", base,
                        perRep(previous));
            }
            double now = median(current);
            say("| StandingIndex.loadFrom: one stream into the dense index | %.2f | %s | %.2f |", now, perRep(current),
                    now / base);
            say("| the stream alone, nothing kept | %.2f | %s | %.2f |", median(streamAlone), perRep(streamAlone),
                    median(streamAlone) / base);
            say("");
            say("RESULT index-load: %d anchors in %.2f s (target <= 3 s per 1M, <= 30 s for 10M); previous load %.2f s",
                    anchors, now, base);
        }
    }

    private interface Load {
        int run();
    }

    /**
     * Wall-clock seconds; the loading thread's CPU seconds are printed beside them, since on a shared
     * machine the wall clock also counts the time the thread waited for a core.
     */
    private static double timed(int rep, String name, Load load) throws InterruptedException {
        System.gc();
        Thread.sleep(200);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStarted = threads.getCurrentThreadCpuTime();
        long started = System.nanoTime();
        int loaded = load.run();
        double seconds = Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStarted) / 1e9;
        say("rep %d %-46s %d anchors in %.2f s (the loading thread's CPU: %.2f s)", rep, name, loaded, seconds,
                cpuSeconds);
        return seconds;
    }

    private static String perRep(List<Double> seconds) {
        return String.join(", ", seconds.stream().map(s -> String.format("%.2f", s)).toList());
    }

    /** Set-based, in chunks: anchors only, the mix described above, as the service's rows would hold it. */
    private static void seed(Connection connection, int anchors) throws SQLException {
        long now = System.currentTimeMillis();
        long started = System.nanoTime();
        try (Statement statement = connection.createStatement()) {
            for (int from = 0; from < anchors; from += StoreSizeBench.SEED_CHUNK) {
                statement.execute("INSERT INTO anchors (anchor_id, display_name, certification, anchor_level, fan_count,"
                        + " average_viewers, guild_id, initial_score, score, ledger_seq, last_violation_at, created_at,"
                        + " updated_at, selling_revocations, held_sessions, sessions_spilled_until, clean_since)"
                        + " SELECT CONCAT('anchor-', s.n), CONCAT('Anchor ', s.n), 'NONE', 1, 0, 0, NULL, 100,"
                        + " CASE WHEN MOD(s.n, 100) < 10 THEN 40 + MOD(s.n, 60) ELSE 100 END,"
                        + " CASE WHEN MOD(s.n, 100) < 10 THEN 2 + MOD(s.n, 7) ELSE 1 END,"
                        + " CASE WHEN MOD(s.n, 100) < 10 THEN " + now + " - MOD(s.n * 7919, 1000000000) END, "
                        + now + ", " + now + ", CASE WHEN MOD(s.n, 100) = 0 THEN 1 ELSE 0 END,"
                        + " CASE WHEN MOD(s.n, 100) = 0 THEN CONCAT(" + (now + Duration.ofDays(30).toMillis())
                        + ", ' live-', s.n) END, NULL, NULL"
                        + " FROM " + StoreSizeBench.NUMBERS + " s WHERE s.n >= " + from + " AND s.n < "
                        + Math.min(anchors, from + StoreSizeBench.SEED_CHUNK));
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            }
        }
        say("# seeded %d anchors in %.0f s", anchors, (System.nanoTime() - started) / 1e9);
    }
}
