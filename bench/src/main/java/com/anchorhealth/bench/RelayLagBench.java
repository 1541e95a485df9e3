package com.anchorhealth.bench;

import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.server.BenchServer;
import com.anchorhealth.server.KafkaBroker;
import io.micrometer.core.instrument.MeterRegistry;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static com.anchorhealth.bench.Stats.f;
import static com.anchorhealth.bench.Stats.median;
import static com.anchorhealth.bench.Stats.say;

/**
 * The change feed's relay to Kafka under the write path's highest rate: BatchRecordViolations callers
 * back to back on a server relaying to a real broker (a single KRaft node from Kafka's jars, as the
 * tests run it), against the same workload on a server without the relay, reps interleaved. While
 * the relaying server writes, its lag gauges are sampled every 100 ms (changes committed and not yet
 * acknowledged by Kafka, and how long the oldest has waited), and a read_committed consumer times every
 * change from its commit (the change's time) to its arrival.
 */
final class RelayLagBench {
    private static final String GAUGE_CHANGES = "anchorhealth.feed.relay.lag";
    private static final String GAUGE_SECONDS = "anchorhealth.feed.relay.lag.time";

    private RelayLagBench() {
    }

    static void run(Args args) throws Exception {
        String relayUrl = args.string("url", "jdbc:mariadb://127.0.0.1:3306/anchor_health_bench_relay");
        String plainUrl = args.string("baseline-url", "jdbc:mariadb://127.0.0.1:3306/anchor_health_bench_no_relay");
        String user = args.string("user", "root");
        String password = args.string("password", "");
        Duration seconds = Duration.ofSeconds(args.integer("seconds", 16));
        Duration warmup = Duration.ofSeconds(args.integer("warmup", 2));
        int reps = args.integer("reps", 3);
        int anchors = args.integer("anchors", 20_000);
        int batchSize = args.integer("batch", 1000);
        int callers = args.integer("callers", 2);
        String topic = "anchorhealth.standing-changes.bench";

        WriteBench.recreateDatabase(relayUrl, user, password);
        WriteBench.recreateDatabase(plainUrl, user, password);
        try (KafkaBroker broker = KafkaBroker.start()) {
            broker.createTopic(topic, 3);
            say("# broker: one KRaft node at %s, topic %s of 3 partitions", broker.bootstrapServers(), topic);
            try (BenchServer relaying = BenchServer.startRelaying(relayUrl, user, password,
                    db -> BulkAnchors.insert(db, anchors, true), broker.bootstrapServers(), topic);
                 BenchServer plain = BenchServer.start(plainUrl, user, password,
                         db -> BulkAnchors.insert(db, anchors, true));
                 Channels relayingChannels = new Channels(relaying.port(), 4);
                 Channels plainChannels = new Channels(plain.port(), 4);
                 ArrivalTimes arrivals = new ArrivalTimes(broker.bootstrapServers(), topic)) {
                MeterRegistry gauges = relaying.instance(MeterRegistry.class);
                String run = Long.toString(System.currentTimeMillis(), 36);
                AtomicLong ids = new AtomicLong();
                List<Double> plainRates = new ArrayList<>();
                List<Double> relayRates = new ArrayList<>();
                List<String> rows = new ArrayList<>();
                rows.add("| rep | violations/s without the relay | violations/s with it | lag, changes: p50 / p99 / max "
                        + "| lag, seconds: p50 / p99 / max | commit to consumer, ms: p50 / p99 / max | drained after the"
                        + " writes, ms |");
                rows.add("|---|---|---|---|---|---|---|");
                for (int rep = 1; rep <= reps; rep++) {
                    WriteBench.Result without = WriteBench.closedLoop(
                            WriteBench.batchOp(plainChannels, run, ids, anchors, batchSize), callers, warmup, seconds);
                    arrivals.reset();
                    LagSamples lag = LagSamples.start(gauges);
                    WriteBench.Result with = WriteBench.closedLoop(
                            WriteBench.batchOp(relayingChannels, run, ids, anchors, batchSize), callers, warmup, seconds);
                    long writesEnded = System.nanoTime();
                    while (gauges.find(GAUGE_CHANGES).gauge().value() > 0) {
                        Thread.sleep(20);
                    }
                    double drainedMillis = (System.nanoTime() - writesEnded) / 1e6;
                    lag.stop();
                    Histogram endToEnd = arrivals.interval();
                    plainRates.add(without.itemsPerSecond());
                    relayRates.add(with.itemsPerSecond());
                    rows.add(f("| %d | %.0f | %.0f | %.0f / %.0f / %.0f | %.2f / %.2f / %.2f | %d / %d / %d (%d changes) "
                                    + "| %.0f |", rep, without.itemsPerSecond(), with.itemsPerSecond(),
                            lag.changes.getValueAtPercentile(50) * 1.0, lag.changes.getValueAtPercentile(99) * 1.0,
                            lag.changes.getMaxValue() * 1.0, lag.millis.getValueAtPercentile(50) / 1000.0,
                            lag.millis.getValueAtPercentile(99) / 1000.0, lag.millis.getMaxValue() / 1000.0,
                            endToEnd.getValueAtPercentile(50), endToEnd.getValueAtPercentile(99),
                            endToEnd.getMaxValue(), endToEnd.getTotalCount(), drainedMillis));
                    say("rep %d: without the relay %.0f violations/s, with it %.0f; lag %.2f s at most; commit to "
                                    + "consumer p99 %d ms", rep, without.itemsPerSecond(), with.itemsPerSecond(),
                            lag.millis.getMaxValue() / 1000.0, endToEnd.getValueAtPercentile(99));
                }
                say("");
                rows.forEach(Stats::say);
                say("");
                say("RESULT relay-lag: %d BatchRecordViolations callers of %d: %.0f violations/s with the relay, %.0f "
                                + "without (ratio %.2f, medians of %d reps); lag and arrival per rep above",
                        callers, batchSize, median(relayRates), median(plainRates),
                        median(relayRates) / median(plainRates), reps);
            }
        }
    }

    /** The relaying server's lag gauges, sampled every 100 ms on a thread of their own. */
    private static final class LagSamples {
        final Histogram changes = new Histogram(3);
        final Histogram millis = new Histogram(3);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private Thread sampler;

        static LagSamples start(MeterRegistry gauges) {
            LagSamples samples = new LagSamples();
            samples.sampler = new Thread(() -> {
                while (samples.running.get()) {
                    samples.changes.recordValue((long) gauges.find(GAUGE_CHANGES).gauge().value());
                    samples.millis.recordValue((long) (gauges.find(GAUGE_SECONDS).gauge().value() * 1000));
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "relay-lag-sampler");
            samples.sampler.start();
            return samples;
        }

        void stop() throws InterruptedException {
            running.set(false);
            sampler.join();
        }
    }

    /**
     * A read_committed consumer of every partition from the start: for each change, the milliseconds
     * from its commit in the store (its change time) to its arrival here.
     */
    private static final class ArrivalTimes implements AutoCloseable {
        private final Recorder recorder = new Recorder(TimeUnit.MINUTES.toMillis(10), 3);
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread reader;

        ArrivalTimes(String bootstrapServers, String topic) {
            reader = new Thread(() -> {
                try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                        new StringDeserializer(), new ByteArrayDeserializer())) {
                    KafkaBroker.readFromStart(consumer, topic);
                    while (running.get()) {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                            StandingChange change = StandingChange.parseFrom(record.value());
                            long committed = change.getChangeTime().getSeconds() * 1000
                                    + change.getChangeTime().getNanos() / 1_000_000;
                            recorder.recordValue(Math.max(0, System.currentTimeMillis() - committed));
                        }
                    }
                } catch (Exception e) {
                    System.err.println("the topic's reader failed: " + e);
                }
            }, "relay-lag-reader");
            reader.start();
        }

        void reset() {
            recorder.reset();
        }

        Histogram interval() {
            return recorder.getIntervalHistogram();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            reader.join(5000);
        }
    }
}
