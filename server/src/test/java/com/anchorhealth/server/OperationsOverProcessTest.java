package com.anchorhealth.server;

import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.FileAppealRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The server as operators run it, in a process of its own: JSON log lines with one access line per
 * call, metrics on the admin port, one short line for a stray HTTP/1 connection, and the last line on
 * SIGTERM.
 */
class OperationsOverProcessTest {
    private static final Pattern GRPC_PORT = Pattern.compile("listening on plaintext 127\\.0\\.0\\.1:(\\d+)");
    /** JSON escapes the slashes of the URL. */
    private static final Pattern ADMIN_PORT = Pattern.compile("metrics on http:\\\\?/\\\\?/127\\.0\\.0\\.1:(\\d+)");
    private static final String STATEMENT = "the clip was licensed, said the anchor";

    @TempDir
    Path dataDir;

    @Test
    void logsJsonLinesOneAccessLinePerCallServesMetricsAndSaysStoppedOnSigterm() throws Exception {
        Path log = dataDir.resolve("server.log");
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Process process = new ProcessBuilder(java, "-Xmx256m", "-cp", classPath, Main.class.getName(),
                "--port", "0", "--admin-port", "0", "--data-dir", dataDir.resolve("data").toString(),
                "--log-format", "json")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            int grpcPort = awaitPort(process, log, GRPC_PORT);
            int adminPort = awaitPort(process, log, ADMIN_PORT);
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
            try {
                callThrice(channel);
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            assertEquals("", sendHttp1Request(grpcPort), "the stray connection is closed without an HTTP answer");

            assertEquals("{\"feed_lag_changes\":0,\"kafka_relay\":null}", get(adminPort, "/health").body().strip(),
                    "the lags in JSON, without a relay to Kafka");
            String metrics = scrape(adminPort);
            assertMetric(metrics, "grpc_server_processing_duration_seconds_count{method=\"CheckCapability\","
                    + "methodType=\"UNARY\",service=\"anchorhealth.v1.CapabilityService\",statusCode=\"OK\"}", 3);
            assertMetric(metrics, "grpc_server_processing_duration_seconds_bucket{method=\"CheckCapability\","
                    + "methodType=\"UNARY\",service=\"anchorhealth.v1.CapabilityService\",statusCode=\"OK\",le=\"+Inf\"}", 3);
            assertMetric(metrics, "grpc_server_processing_duration_seconds_count{method=\"FileAppeal\","
                    + "methodType=\"UNARY\",service=\"anchorhealth.v1.ViolationService\",statusCode=\"NOT_FOUND\"}", 1);
            assertMetric(metrics, "grpc_server_calls_in_flight", 0);
            assertMetric(metrics, "anchorhealth_standing_index_anchors", 1);
            assertMetric(metrics, "anchorhealth_feed_watchers", 0);
            assertMetric(metrics, "executor_queued_tasks{name=\"grpc.handler\"}", 0);
            assertMetric(metrics, "hikaricp_connections_max{pool=\"anchor-health\"}", 16);
            assertMetric(metrics, "anchorhealth_recovery_runs_total{outcome=\"failed\"}", 0);
            // The anchor's registration, its violation and the appeal of a violation it does not have: a group each.
            assertMetric(metrics, "anchorhealth_group_commit_calls_count", 3);
            assertMetric(metrics, "anchorhealth_group_commit_wait_seconds_count", 3);
            assertMetric(metrics, "anchorhealth_guild_removals_total", 0);
            assertMetric(metrics, "anchorhealth_violations_recorded_total{severity=\"MINOR\",state=\"ACTIVE\","
                    + "type=\"VULGAR_LANGUAGE\"}", 1);
            for (String present : List.of("anchorhealth_feed_lag_changes ", "anchorhealth_feed_position_applied ",
                    "jvm_memory_used_bytes{", "jvm_threads_live_threads ", "process_uptime_seconds ")) {
                assertTrue(metrics.contains(present), present + " is scraped");
            }
        } finally {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS), "the server exits on SIGTERM");
        }

        List<JsonObject> lines = Files.readAllLines(log).stream().map(OperationsOverProcessTest::jsonLine).toList();
        Map<String, Integer> accessLinesByMethod = new HashMap<>();
        for (JsonObject line : lines) {
            if (line.get("loggerName").getAsString().equals(CallObserver.ACCESS_LOGGER)) {
                Map<String, String> fields = keyValues(line);
                assertEquals(List.of("method", "code", "latency_ms", "actor", "request_id"), List.copyOf(fields.keySet()));
                accessLinesByMethod.merge(fields.get("method") + " " + fields.get("code"), 1, Integer::sum);
            }
        }
        assertEquals(Map.of(
                "anchorhealth.v1.AnchorService/UpsertAnchor OK", 1,
                "anchorhealth.v1.CapabilityService/CheckCapability OK", 3,
                "anchorhealth.v1.ViolationService/RecordViolation OK", 1,
                "anchorhealth.v1.ViolationService/RecordViolation INVALID_ARGUMENT", 1,
                "anchorhealth.v1.ViolationService/FileAppeal NOT_FOUND", 1), accessLinesByMethod);
        JsonObject upsert = lines.stream().filter(line -> keyValues(line).getOrDefault("method", "").endsWith("UpsertAnchor"))
                .findFirst().orElseThrow();
        assertEquals("reg-ops-1", keyValues(upsert).get("request_id"));
        assertEquals("anonymous", keyValues(upsert).get("actor"));
        assertTrue(lines.stream().anyMatch(line -> "line\nbreak".equals(keyValues(line).get("request_id"))),
                "a request id with a line break stays inside its JSON string");
        assertTrue(lines.stream().noneMatch(line -> line.toString().contains(STATEMENT)),
                "a caller's free text never reaches the log");

        List<JsonObject> transport = lines.stream()
                .filter(line -> line.get("loggerName").getAsString().equals("anchorhealth.transport")).toList();
        assertEquals(1, transport.size(), "one line for the HTTP/1 connection: " + transport);
        assertTrue(transport.get(0).get("formattedMessage").getAsString().contains("HTTP/1.x"));
        assertTrue(lines.stream().allMatch(line -> line.get("throwable").isJsonNull()), "no stack trace was logged");
        assertEquals("Anchor Health stopped", lines.get(lines.size() - 1).get("formattedMessage").getAsString());
    }

    private static void callThrice(ManagedChannel channel) {
        AnchorServiceGrpc.newBlockingStub(channel).upsertAnchor(UpsertAnchorRequest.newBuilder()
                .setRequestId("reg-ops-1")
                .setAnchor(Anchor.newBuilder().setAnchorId("ops").setDisplayName("Ops").setLevel(1)).build());
        CapabilityServiceGrpc.CapabilityServiceBlockingStub checks = CapabilityServiceGrpc.newBlockingStub(channel);
        for (int i = 0; i < 3; i++) {
            checks.checkCapability(CheckCapabilityRequest.newBuilder().setAnchorId("ops")
                    .setCapability(Capability.PK).build());
        }
        ViolationServiceGrpc.ViolationServiceBlockingStub violations = ViolationServiceGrpc.newBlockingStub(channel);
        violations.recordViolation(RecordViolationRequest.newBuilder().setRequestId("violation-ops-1")
                .setAnchorId("ops").setViolationType("VULGAR_LANGUAGE").setSource("ops").build());
        assertThrows(StatusRuntimeException.class, () -> violations.recordViolation(RecordViolationRequest.newBuilder()
                .setRequestId("line\nbreak").setAnchorId("ops").setViolationType("NO_SUCH_TYPE").setSource("ops").build()));
        assertThrows(StatusRuntimeException.class, () -> violations.fileAppeal(FileAppealRequest.newBuilder()
                .setRequestId("appeal-ops-1").setViolation("anchors/ops/violations/0123456789abcdefghijklmno")
                .setStatement(STATEMENT).build()));
    }

    /** What a browser or an HTTP/1 health check sends to a gRPC port; returns what came back. */
    private static String sendHttp1Request(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] answer = in.readAllBytes();
            // Netty answers a preface it cannot read with an HTTP/2 GOAWAY frame, never an HTTP/1 status line.
            String text = new String(answer, StandardCharsets.ISO_8859_1);
            return text.startsWith("HTTP/1") ? text : "";
        }
    }

    private static String scrape(int adminPort) throws IOException, InterruptedException {
        HttpResponse<String> response = get(adminPort, "/metrics");
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
        return response.body();
    }

    private static HttpResponse<String> get(int adminPort, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), path);
        return response;
    }

    private static void assertMetric(String metrics, String series, double expected) {
        Optional<String> line = metrics.lines().filter(l -> l.startsWith(series + " ")).findFirst();
        assertTrue(line.isPresent(), series + " is scraped");
        assertEquals(expected, Double.parseDouble(line.get().substring(series.length() + 1)), series);
    }

    /** Logback's JSON encoder writes key-value pairs as a list of one-entry objects, in order. */
    private static Map<String, String> keyValues(JsonObject line) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (line.has("kvpList")) {
            JsonArray pairs = line.getAsJsonArray("kvpList");
            pairs.forEach(pair -> pair.getAsJsonObject().entrySet()
                    .forEach(entry -> fields.put(entry.getKey(), entry.getValue().getAsString())));
        }
        return fields;
    }

    /** The line as JSON, or a failure that shows the line: the server's output is its log and nothing else. */
    private static JsonObject jsonLine(String line) {
        try {
            return JsonParser.parseString(line).getAsJsonObject();
        } catch (RuntimeException notJson) {
            throw new AssertionError("a line of the server's output is not a JSON log line: " + line, notJson);
        }
    }

    private static int awaitPort(Process process, Path log, Pattern announcement) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            Matcher matcher = announcement.matcher(Files.readString(log));
            if (matcher.find()) {
                return Integer.parseInt(matcher.group(1));
            }
            if (!process.isAlive()) {
                break;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("the server did not announce " + announcement + ": " + Files.readString(log));
    }
}
