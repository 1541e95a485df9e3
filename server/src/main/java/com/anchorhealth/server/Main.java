package com.anchorhealth.server;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.logging.Handler;
import java.util.logging.Logger;

/** {@code java -jar anchor-health-server.jar [flags]}: see {@link Settings} and README.md. */
public final class Main {
    static final int EXIT_BAD_SETTINGS = 2;
    static final int EXIT_FAILED_START = 1;

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        // One line per log record, before any logger is created.
        System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tFT%1$tT.%1$tL%1$tz %4$s %3$s: %5$s%6$s%n");
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFormatter(new LineSafeFormatter());
        }
        // jOOQ otherwise opens the log with a banner and a tip of the day.
        System.setProperty("org.jooq.no-logo", "true");
        System.setProperty("org.jooq.no-tips", "true");
        if (List.of(args).contains("--help")) {
            System.out.print(Settings.usage());
            return;
        }
        Settings settings;
        try {
            settings = Settings.parse(List.of(args), System.getenv());
        } catch (SettingsException e) {
            exit(EXIT_BAD_SETTINGS, e.getMessage());
            return;
        }
        AnchorHealthServer server;
        try {
            server = create(new ServerModule(settings)).getInstance(AnchorHealthServer.class);
            server.start();
        } catch (IOException | RuntimeException e) {
            Optional<SettingsException> badSetting = settingsExceptionIn(e);
            if (badSetting.isPresent()) {
                exit(EXIT_BAD_SETTINGS, badSetting.get().getMessage());
            } else {
                exit(EXIT_FAILED_START, "cannot start: " + rootMessage(e));
            }
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "shutdown"));
        server.awaitTermination();
    }

    /** The whole object graph over the given settings and transport. */
    static Injector create(Module serverModule) {
        return Guice.createInjector(serverModule, new PersistenceModule(), new ApplicationModule(), new GrpcModule());
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
