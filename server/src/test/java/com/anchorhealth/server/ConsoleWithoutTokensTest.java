package com.anchorhealth.server;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Without tokens (loopback only), the console is the local administrator's, and says so on every page. */
class ConsoleWithoutTokensTest {

    @Test
    void theLoopbackConsoleActsAsTheLocalAdministratorAndSaysSo() throws Exception {
        try (RunningServer server = RunningServer.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "", Optional.empty())) {
            String base = server.startConsole();
            HttpClient client = HttpClient.newHttpClient();
            for (String path : new String[] {"/", "/policies", "/notices", "/sign-in"}) {
                HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, page.statusCode(), path);
                assertTrue(page.body().contains("id=\"local-admin\""), path + " says who acts");
            }
            String policies = client.send(HttpRequest.newBuilder(URI.create(base + "/policies")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(policies.contains("id=\"simulate\""), "the administrator may simulate, then publish");
        }
    }

    /**
     * DNS rebinding: a page of another site whose name now resolves to 127.0.0.1 sends its own name as
     * the Host, and its requests are same-origin to the browser. Only loopback names are answered.
     */
    @Test
    void onlyALoopbackHostNameIsAnswered() throws Exception {
        try (RunningServer server = RunningServer.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "", Optional.empty())) {
            URI base = URI.create(server.startConsole());
            for (String host : List.of("evil.example", "evil.example:" + base.getPort(), "127.0.0.1.evil.example",
                    "localhost.evil.example")) {
                assertEquals(403, statusWithHost(base, "/", host), host);
            }
            for (String host : List.of("127.0.0.1:" + base.getPort(), "localhost:" + base.getPort(), "LOCALHOST",
                    "[::1]:" + base.getPort())) {
                assertEquals(200, statusWithHost(base, "/", host), host);
            }
        }
    }

    /**
     * With --web-allowed-hosts the console answers to those names alone, tokens or not: loopback names
     * too are refused unless listed.
     */
    @Test
    void theAllowedHostsAreAnsweredAndNoOther() throws Exception {
        try (RunningServer server = RunningServer.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                TestResources.TOKENS)) {
            URI base = URI.create(server.startConsole(OperationsSettings.parse(
                    List.of("--web-allowed-hosts", "console.example,Office.Example"), Map.of()).settings()));
            for (String host : List.of("console.example", "CONSOLE.example:" + base.getPort(), "office.example")) {
                assertEquals(200, statusWithHost(base, "/sign-in", host), host);
            }
            for (String host : List.of("127.0.0.1:" + base.getPort(), "localhost", "evil.example",
                    "console.example.evil.example")) {
                assertEquals(403, statusWithHost(base, "/sign-in", host), host);
            }
        }
    }

    /** The status of a GET sent with this Host header, which Java's HTTP client will not set. */
    private static int statusWithHost(URI base, String path, String host) throws Exception {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(statusLine.split(" ")[1]);
        }
    }
}
