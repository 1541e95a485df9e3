package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.Database;
import com.anchorhealth.adapter.web.WebConsole;
import com.anchorhealth.application.standing.StandingIndex;
import com.google.inject.Injector;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The real server (the production object graph and Netty transport of {@link Main}) on a loopback
 * port chosen by the OS, for the benchmarks. Lives in the server's package only to reach
 * {@link Main#create} and {@link ServerModule}; it changes nothing of the server.
 */
public final class BenchServer implements AutoCloseable {
    private final AnchorHealthServer server;
    private final Injector injector;
    private final Settings settings;
    private WebConsole console;

    private BenchServer(AnchorHealthServer server, Injector injector, Settings settings) {
        this.server = server;
        this.injector = injector;
        this.settings = settings;
    }

    /**
     * Builds the graph over {@code databaseUrl} (the schema is migrated when the database is first
     * needed), lets {@code beforeStart} fill the store (for example a bulk load of anchors), then
     * starts the server, which loads its standing index from the store.
     */
    public static BenchServer start(String databaseUrl, String user, String password, Consumer<Database> beforeStart)
            throws IOException {
        return start(new Settings("127.0.0.1", 0, Path.of("unused"), Optional.of(databaseUrl), user, password,
                Optional.empty(), Optional.empty(), Optional.empty()), beforeStart);
    }

    /** The same, relaying the change feed to {@code topic} of the Kafka cluster at {@code bootstrapServers}. */
    public static BenchServer startRelaying(String databaseUrl, String user, String password,
                                            Consumer<Database> beforeStart, String bootstrapServers, String topic)
            throws IOException {
        Settings plain = new Settings("127.0.0.1", 0, Path.of("unused"), Optional.of(databaseUrl), user, password,
                Optional.empty(), Optional.empty(), Optional.empty());
        return start(new Settings(plain.host(), plain.port(), plain.dataDir(), plain.databaseUrl(), plain.databaseUser(),
                plain.databasePassword(), plain.policyFile(), plain.tlsCert(), plain.tlsKey(), plain.tlsClientCa(),
                plain.tokens(), plain.outboxRetention(), plain.tokensFile(), plain.plaintextTokensAllowed(),
                plain.limits(), plain.requestKeyRetention(),
                Optional.of(new Settings.KafkaRelaySettings(bootstrapServers, topic))), beforeStart);
    }

    private static BenchServer start(Settings settings, Consumer<Database> beforeStart) throws IOException {
        // The service's own cost, not a console's: no access line per call (an operator's choice in production).
        Logging.configure(new OperationsSettings(0, 0, OperationsSettings.LogFormat.TEXT, false,
                OperationsSettings.DEFAULT_TIME_ZONE, Set.of()));
        Injector injector = Main.create(new ServerModule(settings));
        beforeStart.accept(injector.getInstance(Database.class));
        AnchorHealthServer server = injector.getInstance(AnchorHealthServer.class);
        server.start();
        return new BenchServer(server, injector, settings);
    }

    public int port() {
        return server.port();
    }

    /** Starts the back office console (the local administrator's: no tokens) on a free port; answers its URL. */
    public String startConsole() {
        console = Main.startConsole(injector, settings, 0, OperationsSettings.DEFAULTS);
        return "http://127.0.0.1:" + console.port();
    }

    /** An object of the production graph, to time what it does without the transport. */
    public <T> T instance(Class<T> type) {
        return injector.getInstance(type);
    }

    public int anchorsLoaded() {
        return injector.getInstance(StandingIndex.class).size();
    }

    public int handlerThreads() {
        return AnchorHealthServer.HANDLER_THREADS;
    }

    public int maxConcurrentCallsPerConnection() {
        return ServingLimits.DEFAULTS.maxCallsPerConnection();
    }

    public int maxInboundMessageBytes() {
        return NettyTransport.MAX_INBOUND_MESSAGE_BYTES;
    }

    @Override
    public void close() {
        if (console != null) {
            console.stop();
        }
        server.stop();
    }
}
