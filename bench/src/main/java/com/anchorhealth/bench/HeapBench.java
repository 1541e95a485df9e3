package com.anchorhealth.bench;

import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.bench.baseline.MapStandingIndex;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import static com.anchorhealth.bench.Stats.median;
import static com.anchorhealth.bench.Stats.say;

/**
 * Benchmark 2: the heap a StandingIndex retains per standing. The used heap is read after several
 * System.gc() calls, before and after filling an index that is then still referenced; the baseline is
 * the first implementation's storage (a map of AnchorId to a record of sequence and StandingFacts),
 * measured in the same run.
 * <p>The standings are a mix: 90% clean (initial score, no violation), 9% with a lower score and a
 * last violation time, 1% also with selling revoked and a live session with a violation.
 */
final class HeapBench {
    /** Something that takes standings; the two implementations share no interface. */
    interface Sink {
        void publish(AnchorId anchorId, int sequence, StandingFacts facts);

        int size();
    }

    private HeapBench() {
    }

    static void run(Args args) throws InterruptedException {
        int anchors = args.integer("anchors", 1_000_000);
        int reps = args.integer("reps", 3);
        String mix = args.string("mix", "realistic");
        List<Double> baseline = new ArrayList<>();
        List<Double> current = new ArrayList<>();
        for (int rep = 1; rep <= reps; rep++) {
            baseline.add(measure("baseline map (AnchorId -> Entry(StandingFacts))", rep, anchors, mix, () -> {
                MapStandingIndex index = new MapStandingIndex();
                return new Sink() {
                    public void publish(AnchorId anchorId, int sequence, StandingFacts facts) {
                        index.publish(anchorId, sequence, facts);
                    }

                    public int size() {
                        return index.size();
                    }
                };
            }));
            current.add(measure("StandingIndex (this build)", rep, anchors, mix, () -> {
                StandingIndex index = new StandingIndex();
                return new Sink() {
                    public void publish(AnchorId anchorId, int sequence, StandingFacts facts) {
                        index.publish(anchorId, sequence, facts);
                    }

                    public int size() {
                        return index.size();
                    }
                };
            }));
        }
        double base = median(baseline);
        double now = median(current);
        say("");
        say("| index | standings | bytes per standing (median of %d) | MiB per 1M standings | ratio to baseline |", reps);
        say("|---|---|---|---|---|");
        say("| baseline map (first implementation) | %d | %.1f | %.1f | 1.00 |", anchors, base, base * 1e6 / (1 << 20));
        say("| StandingIndex (this build) | %d | %.1f | %.1f | %.2f |", anchors, now, now * 1e6 / (1 << 20), now / base);
        say("");
        say("RESULT heap (%s mix): %.1f MiB per 1M standings (target <= 150 MB), baseline %.1f MiB", mix,
                now * 1e6 / (1 << 20), base * 1e6 / (1 << 20));
    }

    private static double measure(String name, int rep, int anchors, String mix, Supplier<Sink> factory)
            throws InterruptedException {
        long before = usedAfterGc();
        Sink sink = factory.get();
        fill(sink, anchors, mix);
        long after = usedAfterGc();
        double perStanding = (after - before) / (double) sink.size();
        say("rep %d %-48s %d standings, retained %.1f MiB, %.1f bytes per standing", rep, name, sink.size(),
                (after - before) / (double) (1 << 20), perStanding);
        // Keeps the index reachable until after the measurement.
        if (sink.size() != anchors) {
            throw new IllegalStateException("expected " + anchors + " standings, found " + sink.size());
        }
        return perStanding;
    }

    static void fill(Sink sink, int anchors, String mix) {
        SplittableRandom random = new SplittableRandom(7);
        Instant base = Instant.parse("2026-01-01T00:00:00Z");
        for (int i = 0; i < anchors; i++) {
            AnchorId id = new AnchorId(BulkAnchors.anchorId(i));
            int kind = mix.equals("clean") ? 99 : random.nextInt(100);
            if (kind >= 10) {
                // As the loader does, every anchor gets facts of its own.
                sink.publish(id, 1, new StandingFacts(100, 100, Optional.empty(), false, HeldSessions.NONE));
            } else {
                Instant last = base.plusMillis(random.nextInt(1_000_000_000));
                boolean sanctioned = kind == 0;
                sink.publish(id, 2 + random.nextInt(10), new StandingFacts(random.nextInt(100), 100,
                        Optional.of(last), sanctioned, sanctioned ? new HeldSessions(Map.of("live-" + i, last.plus(Duration.ofDays(30))),
                        Optional.empty()) : HeldSessions.NONE));
            }
        }
    }

    static long usedAfterGc() throws InterruptedException {
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
