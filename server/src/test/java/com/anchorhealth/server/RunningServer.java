package com.anchorhealth.server;

import com.anchorhealth.adapter.access.BearerTokens;
import com.anchorhealth.adapter.persistence.Database;
import com.anchorhealth.adapter.persistence.DatabaseSettings;
import com.anchorhealth.adapter.web.WebConsole;
import com.anchorhealth.application.write.ForgetOldRequestKeys;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.util.Modules;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** The real object graph and lifecycle over a given database, served in-process, for tests. */
final class RunningServer implements AutoCloseable {
    private final AnchorHealthServer server;
    private final ManagedChannel channel;
    private final Injector injector;
    private final Settings settings;
    private WebConsole console;

    private RunningServer(AnchorHealthServer server, ManagedChannel channel, Injector injector, Settings settings) {
        this.server = server;
        this.channel = channel;
        this.injector = injector;
        this.settings = settings;
    }

    static RunningServer start(String databaseUrl, String user, String password, Optional<Path> policyFile)
            throws IOException {
        return start(new Settings("127.0.0.1", 0, Path.of("unused"), Optional.of(databaseUrl), user, password,
                policyFile, Optional.empty(), Optional.empty()));
    }

    /** A server that authenticates its callers with the tokens of a {@code --tokens} file. */
    static RunningServer start(String databaseUrl, Path tokensFile) throws IOException {
        return start(databaseUrl, "sa", "", tokensFile);
    }

    /** A server on this database that authenticates its callers with the tokens of a {@code --tokens} file. */
    static RunningServer start(String databaseUrl, String user, String password, Path tokensFile) throws IOException {
        return start(databaseUrl, user, password, tokensFile, ServingLimits.DEFAULTS);
    }

    /** The same, with these limits. */
    static RunningServer start(String databaseUrl, String user, String password, Path tokensFile,
                               ServingLimits limits) throws IOException {
        return start(new Settings("127.0.0.1", 0, Path.of("unused"), Optional.of(databaseUrl), user, password,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Settings.readTokens(tokensFile),
                Settings.DEFAULT_OUTBOX_RETENTION, Optional.of(tokensFile), false, limits,
                ForgetOldRequestKeys.DEFAULT_RETENTION));
    }

    /** A server with tokens whose console (not its in-process gRPC) serves TLS with this certificate and key. */
    static RunningServer startWithTls(String databaseUrl, Path tokensFile, Path certificate, Path key)
            throws IOException {
        return start(new Settings("127.0.0.1", 0, Path.of("unused"), Optional.of(databaseUrl), "sa", "",
                Optional.empty(), Optional.of(certificate), Optional.of(key), Optional.empty(),
                Settings.readTokens(tokensFile), Settings.DEFAULT_OUTBOX_RETENTION, Optional.of(tokensFile), false,
                ServingLimits.DEFAULTS, ForgetOldRequestKeys.DEFAULT_RETENTION));
    }

    /** A server with these limits on what callers may take. */
    static RunningServer start(String databaseUrl, String user, String password, ServingLimits limits)
            throws IOException {
        return start(new Settings("127.0.0.1", 0, Path.of("unused"), Optional.of(databaseUrl), user, password,
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), BearerTokens.none(),
                Settings.DEFAULT_OUTBOX_RETENTION, Optional.empty(), false, limits,
                ForgetOldRequestKeys.DEFAULT_RETENTION));
    }

    /** A server on this database whose reads outside transactions are cancelled after {@code readTimeout}. */
    static RunningServer start(String databaseUrl, String user, String password, Duration readTimeout)
            throws IOException {
        return start(new Settings("127.0.0.1", 0, Path.of("unused"), Optional.of(databaseUrl), user, password,
                Optional.empty(), Optional.empty(), Optional.empty()), new AbstractModule() {
                    @Provides
                    @Singleton
                    Database database() {
                        Database database = new Database(new DatabaseSettings(databaseUrl, user, password,
                                DatabaseSettings.DEFAULT_POOL_SIZE, DatabaseSettings.DEFAULT_CONNECTION_TIMEOUT,
                                readTimeout));
                        database.migrate();
                        return database;
                    }
                });
    }

    private static RunningServer start(Settings settings) throws IOException {
        return start(settings, Modules.EMPTY_MODULE);
    }

    /** The production graph over these settings, with the bindings of {@code overrides} in place of its own. */
    private static RunningServer start(Settings settings, Module overrides) throws IOException {
        String name = "anchor-health-" + UUID.randomUUID();
        Injector injector = Guice.createInjector(Modules.override(Main.modules(new AbstractModule() {
            @Provides
            @Singleton
            Settings settings() {
                return settings;
            }

            @Provides
            @Singleton
            ServerTransport transport() {
                return new InProcessTransport(name);
            }
        })).with(overrides));
        AnchorHealthServer server = injector.getInstance(AnchorHealthServer.class);
        server.start();
        return new RunningServer(server, InProcessChannelBuilder.forName(name).directExecutor().build(), injector,
                settings);
    }

    /** Serves the back office console too, on a loopback port the system picks; stopped with the server. */
    synchronized String startConsole() {
        return startConsole(OperationsSettings.DEFAULTS);
    }

    /** The console as these operations settings serve it. */
    synchronized String startConsole(OperationsSettings operations) {
        console = Main.startConsole(injector, settings, 0, operations);
        return (settings.tlsCert().isPresent() ? "https" : "http") + "://127.0.0.1:" + console.port();
    }

    ManagedChannel channel() {
        return channel;
    }

    /** Stops the server as SIGTERM does, while callers stay connected to see how their calls end. */
    void stopServer() {
        server.stop();
    }

    @Override
    public void close() throws InterruptedException {
        if (console != null) {
            console.stop();
        }
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.stop();
    }
}
