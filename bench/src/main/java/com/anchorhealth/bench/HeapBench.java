package com.anchorhealth.bench;

import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.bench.baseline.BoxedStandingIndex;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.openjdk.jol.info.GraphLayout;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import static com.anchorhealth.bench.Stats.median;
import static com.anchorhealth.bench.Stats.say;

/**
 * Benchmark 2: the heap a StandingIndex retains per standing, measured two ways: the used heap after
 * several System.gc() calls, before and after filling an index that is then still referenced, and
 * JOL's walk of the index's object graph. The baseline is the index before the dense one (a map of
 * id strings to boxed packed longs or records of the full facts), measured in the same run.
 * <p>The standings are a mix: 90% clean (initial score, no violation), 9% with a lower score and a
 * last violation time, 1% also with selling revoked and a live session with a violation.
 */
final class HeapBench {
    /** An index that takes standings: the two implementations share no interface. */
    private record Sink(Object index, Publish publish, IntSupplier size) {
    }

    private interface Publish {
        void publish(AnchorId anchorId, int sequence, StandingFacts facts);
    }

    private record Measured(double perStandingUsed, double perStandingJol) {
    }

    private HeapBench() {
    }

    static void run(Args args) throws InterruptedException {
        // JOL reads the field offsets of records (the indexes' entries and facts) only this way.
        System.setProperty("jol.magicFieldOffset", "true");
        int anchors = args.integer("anchors", 1_000_000);
        int reps = args.integer("reps", 3);
        String mix = args.string("mix", "realistic");
        boolean withBaseline = args.string("baseline", "yes").equals("yes");
        List<Measured> baseline = new ArrayList<>();
        List<Measured> current = new ArrayList<>();
        for (int rep = 1; rep <= reps; rep++) {
            if (withBaseline) {
                baseline.add(measure("baseline (map of boxed longs and records)", rep, anchors, mix, () -> {
                    BoxedStandingIndex index = new BoxedStandingIndex();
                    return new Sink(index, index::publish, index::size);
                }));
            }
            current.add(measure("StandingIndex (this build)", rep, anchors, mix, () -> {
                StandingIndex index = new StandingIndex();
                return new Sink(index, index::publish, index::size);
            }));
        }
        say("");
        say("| index | standings | bytes per standing, used heap (median of %d) | by JOL | MiB per 1M standings | ratio to baseline |", reps);
        say("|---|---|---|---|---|---|");
        double base = median(baseline.stream().map(Measured::perStandingUsed).toList());
        if (withBaseline) {
            double baseJol = median(baseline.stream().map(Measured::perStandingJol).toList());
            say("| baseline (map of boxed longs and records) | %d | %.1f | %.1f | %.1f | 1.00 |", anchors, base, baseJol,
                    base * 1e6 / (1 << 20));
        }
        double now = median(current.stream().map(Measured::perStandingUsed).toList());
        double nowJol = median(current.stream().map(Measured::perStandingJol).toList());
        say("| StandingIndex (this build) | %d | %.1f | %.1f | %.1f | %s |", anchors, now, nowJol, now * 1e6 / (1 << 20),
                withBaseline ? String.format("%.2f", now / base) : "-");
        say("");
        say("RESULT heap (%s mix, %d standings): %.1f B per standing (target <= 80 B), %.1f MiB in all; baseline %s",
                mix, anchors, now, now * anchors / (1 << 20), withBaseline ? String.format("%.1f B", base) : "not run");
    }

    private static Measured measure(String name, int rep, int anchors, String mix, Supplier<Sink> factory)
            throws InterruptedException {
        long before = usedAfterGc();
        Sink sink = factory.get();
        long started = System.nanoTime();
        fill(sink, anchors, mix);
        double fillSeconds = (System.nanoTime() - started) / 1e9;
        long after = usedAfterGc();
        double perStanding = (after - before) / (double) sink.size().getAsInt();
        double perStandingJol = GraphLayout.parseInstance(sink.index()).totalSize() / (double) sink.size().getAsInt();
        say("rep %d %-44s %d standings (filled in %.1f s), retained %.1f MiB, %.1f B per standing; JOL %.1f B",
                rep, name, sink.size().getAsInt(), fillSeconds, (after - before) / (double) (1 << 20), perStanding, perStandingJol);
        // Keeps the index reachable until after the measurement.
        if (sink.size().getAsInt() != anchors) {
            throw new IllegalStateException("expected " + anchors + " standings, found " + sink.size().getAsInt());
        }
        return new Measured(perStanding, perStandingJol);
    }

    private static void fill(Sink sink, int anchors, String mix) {
        SplittableRandom random = new SplittableRandom(7);
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < anchors; i++) {
            AnchorId id = new AnchorId(BulkAnchors.anchorId(i));
            int kind = mix.equals("clean") ? 99 : random.nextInt(100);
            if (kind >= 10) {
                // As the loader does, every anchor gets facts of its own.
                sink.publish().publish(id, 1, new StandingFacts(100, 100, Optional.empty(), false, HeldSessions.NONE));
            } else {
                Instant last = base.plusMillis(random.nextInt(1_000_000_000));
                boolean sanctioned = kind == 0;
                sink.publish().publish(id, 2 + random.nextInt(10), new StandingFacts(random.nextInt(100), 100,
                        Optional.of(last), sanctioned, sanctioned ? new HeldSessions(Map.of("live-" + i, last.plus(Duration.ofDays(30))),
                        Optional.empty()) : HeldSessions.NONE));
            }
        }
    }

    private static long usedAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
