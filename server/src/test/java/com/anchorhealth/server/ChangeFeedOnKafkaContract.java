package com.anchorhealth.server;

import com.anchorhealth.api.v1.AddGuildMemberRequest;
import com.anchorhealth.api.v1.AdjustScoreRequest;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.CompleteLearningTaskRequest;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.CreateGuildRequest;
import com.anchorhealth.api.v1.DecideAppealRequest;
import com.anchorhealth.api.v1.FileAppealRequest;
import com.anchorhealth.api.v1.GuildServiceGrpc;
import com.anchorhealth.api.v1.RecordGuildViolationRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.Severity;
import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.Violation;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The change feed relayed to a real Kafka (a single KRaft node from Kafka's own jars), on each store:
 * a mixed workload of writes (violations, overturns, adjustments, learning tasks under a policy that
 * grants them, guild violations down to the guild's removal) runs while the server is killed with
 * SIGKILL and restarted and while the broker is stopped and started again, and every change the
 * store's feed holds must then be on the topic at least once, an anchor's changes in their feed order
 * on one partition, nothing missing, and every cause of a change among them.
 * Subclasses choose the store; the MariaDB one also runs two instances, one relaying at a time.
 */
abstract class ChangeFeedOnKafkaContract {
    static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final int ANCHORS = 12;
    private static final int WRITERS = 3;

    static KafkaBroker broker;

    private final List<ServerProcess> servers = new CopyOnWriteArrayList<>();

    /** The flags that point the server at the store under test. */
    abstract List<String> storeFlags();

    /** A connection to the store, opened once no server process runs (H2 admits one process at a time). */
    abstract Connection openStore() throws SQLException;

    /** The policy the servers start with: the defaults, with recovery by learning tasks on. */
    private static Path learningPolicy;

    @BeforeAll
    static void startBroker() throws IOException, InterruptedException {
        broker = KafkaBroker.start();
        learningPolicy = Files.createTempFile("learning-policy", ".json");
        Files.writeString(learningPolicy, "{ \"recovery\": { \"learning_tasks\": true } }");
    }

    @AfterAll
    static void stopBroker() throws IOException, InterruptedException {
        if (broker != null) {
            broker.close();
            broker = null;
        }
        if (learningPolicy != null) {
            Files.deleteIfExists(learningPolicy);
        }
    }

    @AfterEach
    void killServers() {
        servers.forEach(ServerProcess::kill);
    }

    @Test
    void everyChangeArrivesInOrderPerAnchorThroughAKilledServerAndARestartedBroker() throws Exception {
        String topic = newTopic();
        Relaying server = startRelaying(topic);
        try (TopicReader reader = new TopicReader(topic); Workload workload = new Workload(() -> server.current())) {
            workload.start();
            Thread.sleep(2000);
            server.process().kill();
            server.restart();
            Thread.sleep(2000);

            broker.stop();
            try {
                int failedBefore = workload.failures();
                int writtenBefore = workload.writes();
                long lagWhileDown = awaitMetric(server, "anchorhealth_feed_relay_lag_changes", lag -> lag > 0);
                // The restarted server relays once the killed one's lease has run out, up to a term after the kill.
                awaitMetric(server, "anchorhealth_feed_relay_holding", holding -> holding == 1);
                Thread.sleep(1000);
                JsonObject relayWhileDown = relayHealth(server);
                assertTrue(relayWhileDown.get("lag_changes").getAsLong() > 0
                        && relayWhileDown.get("lag_seconds").getAsDouble() > 0
                        && relayWhileDown.get("holding").getAsBoolean(), "/health tells the relay's lag: " + relayWhileDown);
                assertEquals(failedBefore, workload.failures(), "no write failed while Kafka was down");
                assertTrue(workload.writes() > writtenBefore, "writes went on while Kafka was down");
                System.out.printf("lag %d changes when Kafka went down%n", lagWhileDown);
            } finally {
                // The other tests of the class share the broker.
                broker.startAgain();
            }
            Thread.sleep(2000);

            workload.stop();
            System.out.printf("relay run: %d writes, %d retried%n", workload.writes(), workload.failures());
            assertEquals(0, awaitMetric(server, "anchorhealth_feed_relay_lag_changes", lag -> lag == 0));
            JsonObject relayCaughtUp = relayHealth(server);
            assertEquals("KEEPING_UP", relayCaughtUp.get("status").getAsString(), relayCaughtUp.toString());
            assertEquals(0, relayCaughtUp.get("lag_changes").getAsLong(), relayCaughtUp.toString());
            assertEveryChangeArrivedInOrder(reader, server);
        }
    }

    /** The kafka_relay object of the server's GET /health. */
    private static JsonObject relayHealth(Relaying server) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.adminPort + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return JsonParser.parseString(response.body()).getAsJsonObject().getAsJsonObject("kafka_relay");
    }

    /**
     * Two instances on one store, as behind a load balancer: the first started holds the relay's lease
     * and publishes; the second only waits. When the first dies, the second takes over within the lease
     * term, and the topic still holds every change.
     */
    void oneOfTwoInstancesRelaysAndTheOtherTakesOverWhenItDies() throws Exception {
        String topic = newTopic();
        Relaying first = startRelaying(topic);
        Relaying second = startRelaying(topic);
        try (TopicReader reader = new TopicReader(topic); Workload workload = new Workload(() -> second.current())) {
            workload.start();
            Thread.sleep(1500);
            assertEquals(1, metric(first, "anchorhealth_feed_relay_holding"));
            assertEquals(0, metric(second, "anchorhealth_feed_relay_holding"));

            first.process().kill();
            long died = System.nanoTime();
            awaitMetric(second, "anchorhealth_feed_relay_holding", holding -> holding == 1);
            Duration takeover = Duration.ofNanos(System.nanoTime() - died);
            System.out.println("the second instance took over the relay after " + takeover.toMillis() + " ms");
            assertTrue(takeover.compareTo(FeedRelayJob.LEASE_TERM.plusSeconds(3)) < 0, "took " + takeover);
            Thread.sleep(1000);

            workload.stop();
            assertEquals(0, awaitMetric(second, "anchorhealth_feed_relay_lag_changes", lag -> lag == 0));
            assertEveryChangeArrivedInOrder(reader, second);
        }
    }

    private static String newTopic() throws Exception {
        String topic = "standing-changes-" + UUID.randomUUID();
        broker.createTopic(topic, 3);
        return topic;
    }

    /** A server relaying to {@code topic}, with an admin port of its own for its metrics. */
    private Relaying startRelaying(String topic) throws IOException, InterruptedException {
        Relaying relaying = new Relaying(topic, freePort());
        relaying.restart();
        return relaying;
    }

    private final class Relaying {
        private final String topic;
        private final int adminPort;
        private volatile ServerProcess process;

        Relaying(String topic, int adminPort) {
            this.topic = topic;
            this.adminPort = adminPort;
        }

        void restart() throws IOException, InterruptedException {
            List<String> flags = new ArrayList<>(storeFlags());
            flags.addAll(List.of("--kafka-bootstrap-servers", broker.bootstrapServers(), "--kafka-topic", topic,
                    "--admin-port", String.valueOf(adminPort), "--web-port", "0", "--policy", learningPolicy.toString()));
            process = ServerProcess.start(flags);
            servers.add(process);
        }

        ServerProcess process() {
            return process;
        }

        ManagedChannel current() {
            return process.channel();
        }
    }

    /**
     * Every change of the store's feed is on the topic, keyed by its anchor, with its position and its
     * anchor sequence; an anchor's records are on one partition, and dropping the records at or below
     * the last position seen for their anchor (the consumer's dedupe) leaves exactly the anchor's
     * changes in feed order. The store is read with the server killed (H2 admits one process); the lag
     * gauge is sampled once a round, so it may still read 0 for the round before the last writes, and
     * those reach the topic once the server runs again: the relay resumes after the last position Kafka
     * acknowledged (and so a change it skipped would stay missing).
     */
    private void assertEveryChangeArrivedInOrder(TopicReader reader, Relaying server) throws Exception {
        server.process().kill();
        Map<Long, StoredChange> stored = storedChanges();
        server.restart();
        assertTrue(stored.size() > 100, "the workload made changes: " + stored.size());
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!reader.positions().containsAll(stored.keySet())) {
            if (System.nanoTime() > deadline) {
                Set<Long> missing = missing(stored.keySet(), reader.positions());
                // Whether the topic lacks them or the reader skipped them.
                throw new AssertionError("changes missing from the reader: " + missing.stream().map(stored::get).toList()
                        + "; of them, on the topic now: "
                        + onTheTopic(reader.topic, missing, "read_committed") + " committed, "
                        + onTheTopic(reader.topic, missing, "read_uncommitted") + " at all; the reader failed: "
                        + reader.failure);
            }
            Thread.sleep(200);
        }
        server.process().kill();
        Map<String, List<Long>> expected = new HashMap<>();
        stored.values().forEach(change -> expected.computeIfAbsent(change.anchorId(), id -> new ArrayList<>())
                .add(change.position()));
        Map<String, List<Long>> deduplicated = new HashMap<>();
        Map<String, Integer> partitions = new HashMap<>();
        int duplicates = 0;
        long lastStored = Collections.max(stored.keySet());
        for (Received record : reader.records()) {
            if (record.position() > lastStored) {
                continue;   // made by the server run again, after the store was read
            }
            StoredChange change = stored.get(record.position());
            assertEquals(change.anchorId(), record.key(), "keyed by anchor id");
            assertEquals(change.anchorId(), record.message().getAnchorId());
            assertEquals(change.anchorSequence(), record.message().getAnchorSequence());
            assertEquals(StandingChangeContentType.VALUE, record.contentType());
            assertTrue(record.policyVersion() >= 1);
            assertEquals(record.partition(), partitions.computeIfAbsent(record.key(), key -> record.partition()),
                    "an anchor's changes share one partition");
            List<Long> seen = deduplicated.computeIfAbsent(record.key(), key -> new ArrayList<>());
            if (!seen.isEmpty() && record.position() <= seen.get(seen.size() - 1)) {
                duplicates++;
            } else {
                seen.add(record.position());
            }
        }
        System.out.printf("%d changes in the store, %d records on the topic, %d repeats dropped%n", stored.size(),
                reader.records().size(), duplicates);
        Set<StandingChange.Cause> causes = reader.records().stream().map(record -> record.message().getCause())
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(StandingChange.Cause.class)));
        assertEquals(EnumSet.range(StandingChange.Cause.ANCHOR_REGISTERED, StandingChange.Cause.SCORE_ADJUSTED), causes,
                "the workload's every kind of change reached the topic, recovery by learning tasks included");
        assertEquals(expected, deduplicated, "each anchor's changes, in feed order, nothing missing");
    }

    /** Which of {@code positions} a fresh read of the whole topic finds. */
    private static Set<Long> onTheTopic(String topic, Set<Long> positions, String isolation) {
        Set<Long> found = new TreeSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation), new StringDeserializer(), new ByteArrayDeserializer())) {
            KafkaBroker.readFromStart(consumer, topic);
            for (int poll = 0; poll < 20; poll++) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(250))) {
                    long position = TopicReader.header(record, "anchorhealth-feed-position");
                    if (positions.contains(position)) {
                        found.add(position);
                    }
                }
            }
        }
        return found;
    }

    private static Set<Long> missing(Set<Long> expected, Set<Long> received) {
        Set<Long> missing = new TreeSet<>(expected);
        missing.removeAll(received);
        return missing.size() > 20 ? Set.copyOf(new ArrayList<>(missing).subList(0, 20)) : missing;
    }

    record StoredChange(long position, String anchorId, int anchorSequence, String cause) {
    }

    private Map<Long, StoredChange> storedChanges() throws SQLException {
        Map<Long, StoredChange> changes = new LinkedHashMap<>();
        try (Connection connection = openStore(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT feed_position, anchor_id, anchor_seq, cause FROM standing_change_log"
                     + " WHERE feed_position IS NOT NULL ORDER BY feed_position")) {
            while (rows.next()) {
                changes.put(rows.getLong(1), new StoredChange(rows.getLong(1), rows.getString(2), rows.getInt(3),
                        rows.getString(4)));
            }
        }
        return changes;
    }

    /** The value of a gauge of the server's /metrics, once it satisfies {@code until}. */
    private static long awaitMetric(Relaying server, String name, java.util.function.LongPredicate until)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            try {
                long value = metric(server, name);
                if (until.test(value)) {
                    return value;
                }
            } catch (IOException e) {
                // Not serving yet.
            }
            assertTrue(System.nanoTime() < deadline, name + " never reached the expected value");
            Thread.sleep(100);
        }
    }

    private static long metric(Relaying server, String name) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + server.adminPort + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        return response.body().lines().filter(line -> line.startsWith(name + " "))
                .map(line -> (long) Double.parseDouble(line.substring(name.length() + 1).trim()))
                .findFirst().orElseThrow(() -> new AssertionError(name + " is not among the metrics"));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The content type header every record carries. */
    static final class StandingChangeContentType {
        static final String VALUE = "application/x-protobuf; messageType=anchorhealth.v1.StandingChange";

        private StandingChangeContentType() {
        }
    }

    record Received(int partition, String key, long position, long policyVersion, String contentType,
                    StandingChange message) {
    }

    /** Reads every partition of the topic from its start, as a consumer without a group does. */
    static final class TopicReader implements AutoCloseable {
        private final List<Received> records = new CopyOnWriteArrayList<>();
        private final Set<Long> positions = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;
        private final String topic;
        private volatile RuntimeException failure;

        TopicReader(String topic) {
            this.topic = topic;
            thread = new Thread(() -> {
                try {
                    read(topic);
                } catch (RuntimeException e) {
                    failure = e;
                }
            }, "topic-reader");
            thread.start();
        }

        private void read(String topic) {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    // A batch the relay aborted is sent again whole behind the records before it.
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                    // A position the restarted broker does not have yet is read again from the start,
                    // not skipped to the end (the default, "latest").
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                KafkaBroker.readFromStart(consumer, topic);
                while (running.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        Received received = new Received(record.partition(), record.key(),
                                header(record, "anchorhealth-feed-position"),
                                header(record, "anchorhealth-policy-version"),
                                new String(record.headers().lastHeader("content-type").value(), StandardCharsets.UTF_8),
                                parse(record.value()));
                        records.add(received);
                        positions.add(received.position());
                    }
                }
            }
        }

        private static long header(ConsumerRecord<String, byte[]> record, String name) {
            return Long.parseLong(new String(record.headers().lastHeader(name).value(), StandardCharsets.US_ASCII));
        }

        private static StandingChange parse(byte[] value) {
            try {
                return StandingChange.parseFrom(value);
            } catch (InvalidProtocolBufferException e) {
                throw new AssertionError("not a StandingChange", e);
            }
        }

        List<Received> records() {
            return List.copyOf(records);
        }

        Set<Long> positions() {
            return Set.copyOf(positions);
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }

    /**
     * Writers that register anchors in a guild, then record violations, adjust scores, have violations
     * overturned on appeal and record the guild's violations until it is removed, each call retried
     * with its request id until answered, as a client would, whichever server is current.
     */
    static final class Workload implements AutoCloseable {
        private static final Set<Status.Code> RETRIED = Set.of(Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED,
                Status.Code.CANCELLED, Status.Code.UNKNOWN, Status.Code.RESOURCE_EXHAUSTED);
        private final Supplier<ManagedChannel> channel;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger writes = new AtomicInteger();
        private final AtomicInteger failures = new AtomicInteger();
        private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        private final String run = UUID.randomUUID().toString().substring(0, 8);
        private final String guildId = "kafka-guild-" + run;

        Workload(Supplier<ManagedChannel> channel) {
            this.channel = channel;
        }

        void start() {
            call(() -> GuildServiceGrpc.newBlockingStub(channel.get()).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .createGuild(CreateGuildRequest.newBuilder().setRequestId("guild-" + run).setGuildId(guildId)
                            .setDisplayName("Relay Agency").build()));
            List<String> anchors = new ArrayList<>();
            for (int i = 0; i < ANCHORS; i++) {
                String id = "kafka-" + run + "-" + i;
                call(() -> AnchorServiceGrpc.newBlockingStub(channel.get()).withDeadlineAfter(5, TimeUnit.SECONDS)
                        .upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId("register-" + id)
                                .setAnchor(Anchor.newBuilder().setAnchorId(id).setDisplayName(id).setLevel(1)).build()));
                if (i % 2 == 0) {
                    call(() -> GuildServiceGrpc.newBlockingStub(channel.get()).withDeadlineAfter(5, TimeUnit.SECONDS)
                            .addGuildMember(AddGuildMemberRequest.newBuilder().setRequestId("join-" + id)
                                    .setGuild("guilds/" + guildId).setAnchorId(id).build()));
                }
                anchors.add(id);
            }
            for (int w = 0; w < WRITERS; w++) {
                Random random = new Random(w);
                writers.submit(() -> {
                    while (running.get()) {
                        step(random, anchors.get(random.nextInt(anchors.size())));
                    }
                });
            }
        }

        private void step(Random random, String anchorId) {
            int choice = random.nextInt(100);
            if (choice < 60) {
                violation(anchorId);
            } else if (choice < 75) {
                call(() -> AnchorServiceGrpc.newBlockingStub(channel.get()).withDeadlineAfter(5, TimeUnit.SECONDS)
                        .adjustScore(AdjustScoreRequest.newBuilder().setRequestId(requestId())
                                .setAnchor("anchors/" + anchorId).setDelta(random.nextBoolean() ? 3 : -3)
                                .setReason("relay workload").build()));
            } else if (choice < 90) {
                Violation violation = violation(anchorId);
                if (violation != null) {
                    String appeal = violation.getName() + "/appeal";
                    call(() -> ViolationServiceGrpc.newBlockingStub(channel.get()).withDeadlineAfter(5, TimeUnit.SECONDS)
                            .fileAppeal(FileAppealRequest.newBuilder().setRequestId(requestId())
                                    .setViolation(violation.getName()).setStatement("not me").build()));
                    call(() -> ViolationServiceGrpc.newBlockingStub(channel.get()).withDeadlineAfter(5, TimeUnit.SECONDS)
                            .decideAppeal(DecideAppealRequest.newBuilder().setRequestId(requestId()).setAppeal(appeal)
                                    .setDecision(DecideAppealRequest.Decision.OVERTURN).setNote("indeed").build()));
                }
            } else if (choice < 95) {
                // A point back, once per anchor within the policy's 30 days, and only below the initial score.
                call(() -> AnchorServiceGrpc.newBlockingStub(channel.get()).withDeadlineAfter(5, TimeUnit.SECONDS)
                        .completeLearningTask(CompleteLearningTaskRequest.newBuilder().setRequestId(requestId())
                                .setAnchorId(anchorId).setTaskId("course-" + random.nextInt(1000)).build()));
            } else {
                call(() -> GuildServiceGrpc.newBlockingStub(channel.get()).withDeadlineAfter(5, TimeUnit.SECONDS)
                        .recordGuildViolation(RecordGuildViolationRequest.newBuilder().setRequestId(requestId())
                                .setGuild("guilds/" + guildId).setSeverity(Severity.MINOR)
                                .setDescription("late payout report").build()));
            }
        }

        private Violation violation(String anchorId) {
            return call(() -> ViolationServiceGrpc.newBlockingStub(channel.get()).withDeadlineAfter(5, TimeUnit.SECONDS)
                    .recordViolation(RecordViolationRequest.newBuilder().setRequestId(requestId()).setAnchorId(anchorId)
                            .setViolationType("VULGAR_LANGUAGE").setSource("relay-workload").build()));
        }

        private static String requestId() {
            return "relay-" + UUID.randomUUID();
        }

        /**
         * The call's answer, retried while the server is away; empty (null) when it refuses the call (a
         * removed guild, a score at its bound), which the workload then leaves.
         */
        private <T> T call(Supplier<T> call) {
            while (true) {
                try {
                    T answer = call.get();
                    writes.incrementAndGet();
                    return answer;
                } catch (StatusRuntimeException e) {
                    if (!RETRIED.contains(e.getStatus().getCode())) {
                        return null;
                    }
                    failures.incrementAndGet();
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        return null;
                    }
                }
            }
        }

        int writes() {
            return writes.get();
        }

        int failures() {
            return failures.get();
        }

        void stop() throws InterruptedException {
            running.set(false);
            writers.shutdown();
            assertTrue(writers.awaitTermination(60, TimeUnit.SECONDS), "the writers stopped");
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            writers.shutdownNow();
        }
    }
}
