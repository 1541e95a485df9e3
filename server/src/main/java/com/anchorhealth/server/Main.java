package com.anchorhealth.server;

import com.anchorhealth.adapter.web.ConsoleServing;
import com.anchorhealth.adapter.web.WebConsole;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;

/** {@code java -jar anchor-health-server.jar [flags]}: see {@link Settings} and README.md. */
public final class Main {
    static final int EXIT_BAD_SETTINGS = 2;
    static final int EXIT_FAILED_START = 1;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // jOOQ otherwise opens the log with a banner and a tip of the day.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.print(Settings.usage() + OperationsSettings.usage()
                    + "  --version            print the version and exit\n  -h, --help           print this and exit\n");
            return;
        }
        if (arguments.contains("--version")) {
            System.out.println("anchor-health " + version());
            return;
        }
        OperationsSettings operations;
        Settings settings;
        try {
            OperationsSettings.Parsed parsed = OperationsSettings.parse(arguments, System.getenv());
            operations = parsed.settings();
            settings = Settings.parse(parsed.otherArgs(), System.getenv());
        } catch (SettingsException e) {
            exit(EXIT_BAD_SETTINGS, e.getMessage());
            return;
        }
        Logging.configure(operations);
        Logger log = LoggerFactory.getLogger(Main.class);
        AnchorHealthServer server;
        AtomicReference<WebConsole> console = new AtomicReference<>();
        Thread stopping = null;
        try {
            Map<String, Integer> ports = new LinkedHashMap<>();
            ports.put("--port", settings.port());
            ports.put("--admin-port", operations.adminPort());
            if (operations.webPort() != OperationsSettings.CONSOLE_OFF) {
                ports.put("--web-port", operations.webPort());
            }
            ListeningPorts.requireFree(settings.host(), ports);
            Injector injector = create(new ServerModule(settings));
            server = injector.getInstance(AnchorHealthServer.class);
            AdminServer admin = new AdminServer(settings.host(), operations.adminPort(),
                    injector.getInstance(PrometheusMeterRegistry.class));
            // Before anything serves: a signal that comes while the rest still starts (a caller may
            // already be answered) stops what has started, instead of finding the JVM stopping.
            stopping = stoppingOnSignal(server, admin, console);
            Runtime.getRuntime().addShutdownHook(stopping);
            server.start();
            admin.start();
            if (operations.webPort() == OperationsSettings.CONSOLE_OFF) {
                log.info("back office console off (--web-port 0)");
            } else {
                console.set(startConsole(injector, settings, operations.webPort(), operations));
            }
        } catch (IOException | RuntimeException e) {
            if (stopping != null) {
                forget(stopping);
            }
            Optional<SettingsException> badSetting = settingsExceptionIn(e);
            if (badSetting.isPresent()) {
                exit(EXIT_BAD_SETTINGS, badSetting.get().getMessage());
            } else {
                exit(EXIT_FAILED_START, "cannot start: " + rootMessage(e));
            }
            return;
        }
        server.awaitTermination();
    }

    /**
     * The last word is ours: Logback keeps no shutdown hook of its own, so the line is written before
     * it is stopped, whatever java.util.logging's hook does meanwhile. Each part's stop waits for its
     * start, if one is under way, and does nothing for a part not started.
     */
    private static Thread stoppingOnSignal(AnchorHealthServer server, AdminServer admin,
                                           AtomicReference<WebConsole> console) {
        Logger log = LoggerFactory.getLogger(Main.class);
        return new Thread(() -> {
            // The JVM runs its hooks on SIGTERM, SIGINT or SIGHUP alike and does not say which came.
            log.info("Anchor Health stopping on a signal (SIGTERM, SIGINT or SIGHUP)");
            Optional.ofNullable(console.get()).ifPresent(WebConsole::stop);
            server.stop();
            admin.stop();
            log.info("Anchor Health stopped");
            Logging.stop();
        }, "shutdown");
    }

    /** A start that failed exits without the hook's word of a signal, unless a signal already came. */
    private static void forget(Thread stopping) {
        try {
            Runtime.getRuntime().removeShutdownHook(stopping);
        } catch (IllegalStateException signalled) {
            // The JVM is already stopping on a signal: the hook stops what started.
        }
    }

    /** The whole object graph over the given settings and transport. */
    static Injector create(Module serverModule) {
        return Guice.createInjector(modules(serverModule));
    }

    /** The modules of the production object graph, for tests that replace one of its bindings. */
    static List<Module> modules(Module serverModule) {
        return List.of(serverModule, new PersistenceModule(), new ApplicationModule(), new GrpcModule(),
                new WebModule(), new MetricsModule(), new KafkaModule());
    }

    /**
     * Serves the back office console on the gRPC host's address (loopback unless tokens are configured),
     * over TLS with gRPC's certificate when it has one, telling times in {@code zone}; the server must
     * have started (it loads the policy and the standings the pages read).
     */
    static WebConsole startConsole(Injector injector, Settings settings, int port, OperationsSettings operations) {
        WebConsole console = injector.getInstance(WebConsole.class);
        console.start(settings.host(), port, settings.tlsCert()
                .map(certificate -> TlsKeyStore.read(certificate, settings.tlsKey().orElseThrow())),
                new ConsoleServing(operations.timeZone(), settings.limits().maxConsolePages(),
                        operations.webAllowedHosts()));
        LoggerFactory.getLogger(Main.class).info("back office console on {}://{}:{}/",
                settings.tlsCert().isPresent() ? "https" : "http", settings.host(), console.port());
        return console;
    }

    /** The version of this build, as Maven gave it. */
    static String version() {
        try (InputStream in = Main.class.getResourceAsStream("/anchor-health-version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A bad setting, found at start or while the object graph was built (then wrapped by Guice). */
    private static Optional<SettingsException> settingsExceptionIn(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SettingsException settingsException) {
                return Optional.of(settingsException);
            }
        }
        return Optional.empty();
    }

    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static void exit(int status, String reason) {
        System.err.println("anchor-health: " + reason.replace('\n', ' '));
        System.exit(status);
    }
}
