package com.anchorhealth.server;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
            assertTrue(policies.contains("formaction=\"/policies/publish\""), "the administrator may publish");
        }
    }
}
