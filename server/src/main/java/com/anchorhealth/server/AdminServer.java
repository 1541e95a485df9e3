package com.anchorhealth.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code --admin-port}: {@code GET /metrics} in the Prometheus text format, and {@code GET /health}, the
 * lags of {@link HealthDetails} in JSON, on the gRPC host's address (loopback unless bearer tokens are
 * configured, as for gRPC). Neither holds caller data, so they need no token; keep the port on the
 * operators' network.
 */
final class AdminServer {
    private static final Logger LOG = LoggerFactory.getLogger(AdminServer.class);
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final String host;
    private final int port;
    private final PrometheusMeterRegistry registry;
    private final HealthDetails health;
    private HttpServer server;
    private ExecutorService executor;

    AdminServer(String host, int port, PrometheusMeterRegistry registry) {
        this.host = host;
        this.port = port;
        this.registry = registry;
        this.health = new HealthDetails(registry);
    }

    /** Throws IOException when the port is taken. */
    synchronized void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 16);
        // One thread: scrapes come every few seconds, and a slow one must not start a pile-up.
        executor = Executors.newSingleThreadExecutor(AnchorHealthServer.namedThreads("admin-http"));
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
        LOG.info("metrics on http://{}:{}/metrics", host, port());
    }

    int port() {
        return server.getAddress().getPort();
    }

    synchronized void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            server = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/metrics") && !path.equals("/health")) {
                respond(exchange, 404, "text/plain; charset=utf-8", "only /metrics and /health are served here\n");
            } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                respond(exchange, 405, "text/plain; charset=utf-8", "GET " + path + "\n");
            } else if (path.equals("/health")) {
                respond(exchange, 200, "application/json", health.json());
            } else {
                respond(exchange, 200, CONTENT_TYPE, registry.scrape());
            }
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
