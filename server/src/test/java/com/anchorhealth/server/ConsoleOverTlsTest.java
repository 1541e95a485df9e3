package com.anchorhealth.server;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With --tls-cert and --tls-key the console is served over HTTPS with gRPC's certificate, and its cookie is Secure. */
class ConsoleOverTlsTest {

    @Test
    void theConsoleServesHttpsAndItsSessionCookieIsSecure() throws Exception {
        try (RunningServer server = RunningServer.startWithTls("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                TestResources.TOKENS, TestResources.path("/tls/server.pem"), TestResources.path("/tls/server.key"))) {
            String base = server.startConsole();
            assertTrue(base.startsWith("https://"), base);
            HttpClient client = HttpClient.newBuilder().sslContext(trusting("/tls/ca.pem")).build();
            HttpResponse<String> page = client.send(HttpRequest.newBuilder(URI.create(base + "/sign-in")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, page.statusCode());
            String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
            assertTrue(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
                    cookie);
        }
    }

    private static SSLContext trusting(String caResource) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream ca = Files.newInputStream(TestResources.path(caResource))) {
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(ca));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }
}
