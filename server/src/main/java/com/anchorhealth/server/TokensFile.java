package com.anchorhealth.server;

import com.anchorhealth.adapter.access.BearerTokens;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import sun.misc.Signal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The bearer tokens in force: those of {@code --tokens FILE}, read again when the file changes
 * (looked at every {@value #CHECK_SECONDS} seconds) or at once on SIGHUP, so that a token can be
 * added or revoked without a restart. A file that no longer reads keeps the tokens in force, and
 * says why. Without {@code --tokens} there are none, and nothing is watched.
 */
@Singleton
final class TokensFile implements Supplier<BearerTokens> {
    private static final Logger LOG = Logger.getLogger(TokensFile.class.getName());
    static final int CHECK_SECONDS = 5;

    private final Settings settings;
    private final AtomicReference<BearerTokens> inForce;
    private final AtomicReference<String> textInForce = new AtomicReference<>();
    private final PeriodicTask task = new PeriodicTask("tokens-file", this::reloadIfChanged,
            Duration.ofSeconds(CHECK_SECONDS), Duration.ofSeconds(CHECK_SECONDS));

    @Inject
    TokensFile(Settings settings) {
        this.settings = settings;
        this.inForce = new AtomicReference<>(settings.tokens());
    }

    @Override
    public BearerTokens get() {
        return inForce.get();
    }

    void start() {
        if (settings.tokensFile().isEmpty()) {
            return;
        }
        readText(settings.tokensFile().get()).ifPresent(textInForce::set);
        task.start();
        // SIGHUP would otherwise end the JVM, as SIGTERM does.
        Signal.handle(new Signal("HUP"), signal -> reloadIfChanged());
    }

    void stop() {
        task.stop();
    }

    /** Reads the file again if its text changed; a bad file leaves the tokens in force. */
    synchronized void reloadIfChanged() {
        Path path = settings.tokensFile().orElseThrow();
        Optional<String> read = readText(path);
        if (read.isEmpty() || read.get().equals(textInForce.get())) {
            return;
        }
        String text = read.get();
        textInForce.set(text);
        try {
            BearerTokens tokens = BearerTokens.parse(text);
            warnIfReadableByOthers(path);
            inForce.set(tokens);
            LOG.info("--tokens " + path + " read again: " + tokens.size() + " bearer tokens");
        } catch (IllegalArgumentException e) {
            LOG.warning("--tokens " + path + " not read again, the " + inForce.get().size()
                    + " tokens in force stay: " + e.getMessage());
        }
    }

    private static Optional<String> readText(Path path) {
        try {
            return Optional.of(Files.readString(path));
        } catch (IOException e) {
            LOG.warning("--tokens " + path + " cannot be read, the tokens in force stay: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Throws IOException or IllegalArgumentException (naming the line) for a file that does not read. */
    static BearerTokens read(Path path) throws IOException {
        BearerTokens tokens = BearerTokens.parse(Files.readString(path));
        warnIfReadableByOthers(path);
        return tokens;
    }

    /** The file holds only hashes, but those let anyone who reads them try tokens offline. */
    private static void warnIfReadableByOthers(Path path) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warning("--tokens " + path + " is readable by every user of this machine: chmod o-r " + path);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // No POSIX permissions here (or none readable): nothing to say.
        }
    }
}
