package com.anchorhealth.examples;

import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.api.v1.WatchStandingChangesRequest;
import io.grpc.Channel;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Iterator;
import java.util.function.Consumer;

/**
 * A consumer of the change feed that survives restarts on both sides: it saves the cursor of every
 * change it has handled, and resumes after it, so that it misses nothing and handles nothing twice.
 * An empty cursor (the first run) means "from now on".
 */
public final class StandingWatcher {
    private final CapabilityServiceGrpc.CapabilityServiceBlockingStub stub;
    private final Path cursorFile;
    private final Consumer<StandingChange> handler;
    private final Duration retryDelay;

    public StandingWatcher(Channel channel, Path cursorFile, Consumer<StandingChange> handler, Duration retryDelay) {
        this.stub = CapabilityServiceGrpc.newBlockingStub(channel);
        this.cursorFile = cursorFile;
        this.handler = handler;
        this.retryDelay = retryDelay;
    }

    /**
     * Watches until {@code changes} changes were handled (a real consumer watches until it is stopped).
     * A stream that ends (the instance stopped, a balancer moved the connection) is resumed from the
     * saved cursor, on whichever instance answers.
     */
    public void watch(int changes) throws InterruptedException {
        int handled = 0;
        while (handled < changes) {
            // A context of its own, cancelled when the loop leaves the stream, so the server stops sending.
            Context.CancellableContext watch = Context.current().withCancellation();
            Context previous = watch.attach();
            try {
                Iterator<StandingChange> stream = stub.watchStandingChanges(
                        WatchStandingChangesRequest.newBuilder().setAfterCursor(savedCursor()).build());
                while (handled < changes && stream.hasNext()) {
                    StandingChange change = stream.next();
                    handler.accept(change);
                    saveCursor(change.getCursor());
                    handled++;
                }
            } catch (StatusRuntimeException e) {
                if (e.getStatus().getCode() == Status.Code.FAILED_PRECONDITION) {
                    // The cursor is older than the feed's retention: start again from now, and
                    // reconcile what was missed from the reads (GetAnchor).
                    saveCursor("");
                }
                Thread.sleep(retryDelay.toMillis());
            } finally {
                watch.detach(previous);
                watch.cancel(null);
            }
        }
    }

    /** The cursor of the last change handled; empty before the first. */
    public String savedCursor() {
        try {
            return Files.exists(cursorFile) ? Files.readString(cursorFile).strip() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Written to a new file and moved over the old one, so that a crash never leaves half a cursor. */
    private void saveCursor(String cursor) {
        try {
            Path next = cursorFile.resolveSibling(cursorFile.getFileName() + ".next");
            Files.writeString(next, cursor);
            Files.move(next, cursorFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
