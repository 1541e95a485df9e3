package com.anchorhealth.server;

import com.anchorhealth.adapter.grpc.ProtoPolicyCodec;
import com.anchorhealth.adapter.persistence.Database;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.policy.InitializePolicy;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.policy.Policy;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.protobuf.services.HealthStatusManager;
import io.micrometer.core.instrument.binder.grpc.MetricCollectingServerInterceptor;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * Starts and stops the service: publishes the first policy if needed, starts the change feed, loads
 * the standing index, then serves; on stop it reports NOT_SERVING, ends the watches of the change feed
 * and of gRPC health (which never finish by themselves), finishes calls in flight, and closes the database.
 */
public final class AnchorHealthServer {
    private static final Logger LOG = Logger.getLogger(AnchorHealthServer.class.getName());
    /** Calls in flight get this long to finish on shutdown before they are cancelled. */
    static final long GRACE_SECONDS = 20;
    static final int HANDLER_THREADS = 32;

    private final Settings settings;
    private final ServerTransport transport;
    private final Set<BindableService> services;
    private final List<ServerInterceptor> interceptors;
    private final HealthStatusManager health;
    private final InitializePolicy initializePolicy;
    private final ProtoPolicyCodec policyCodec;
    private final StandingIndex index;
    private final Anchors anchors;
    private final RequestKeyPruning keyPruning;
    private final Database database;
    private final RecoveryJob recoveryJob;
    private final DatabaseHealth databaseHealth;
    private final ChangeFeed changeFeed;
    private final WriterThreads writerThreads;
    private final PolicyFollower policyFollower;
    private final TokensFile tokensFile;
    private final ServerMetrics metrics;
    private final FeedRelayJob feedRelay;
    private final HealthWatches healthWatches;
    private final CallObserver calls;
    private ThreadPoolExecutor handlers;
    private Server server;

    @Inject
    AnchorHealthServer(Settings settings, ServerTransport transport, Set<BindableService> services,
                       List<ServerInterceptor> interceptors, HealthStatusManager health,
                       InitializePolicy initializePolicy, ProtoPolicyCodec policyCodec, StandingIndex index,
                       Anchors anchors, Database database, RecoveryJob recoveryJob, RequestKeyPruning keyPruning,
                       DatabaseHealth databaseHealth, ChangeFeed changeFeed,
                       WriterThreads writerThreads, PolicyFollower policyFollower,
                       TokensFile tokensFile, ServerMetrics metrics, FeedRelayJob feedRelay,
                       HealthWatches healthWatches, CallObserver calls) {
        this.settings = settings;
        this.transport = transport;
        this.services = services;
        this.interceptors = interceptors;
        this.health = health;
        this.initializePolicy = initializePolicy;
        this.policyCodec = policyCodec;
        this.index = index;
        this.anchors = anchors;
        this.keyPruning = keyPruning;
        this.database = database;
        this.recoveryJob = recoveryJob;
        this.databaseHealth = databaseHealth;
        this.changeFeed = changeFeed;
        this.writerThreads = writerThreads;
        this.policyFollower = policyFollower;
        this.tokensFile = tokensFile;
        this.metrics = metrics;
        this.feedRelay = feedRelay;
        this.healthWatches = healthWatches;
        this.calls = calls;
    }

    /**
     * Throws {@link SettingsException} for a bad policy file, IOException when the port is taken; a
     * failed start closes the database again.
     */
    public synchronized void start() throws IOException {
        try {
            serve();
        } catch (IOException | RuntimeException e) {
            if (handlers != null) {
                handlers.shutdownNow();
            }
            writerThreads.stop();
            changeFeed.stop();
            database.close();
            throw e;
        }
    }

    private void serve() throws IOException {
        InitializePolicy.Outcome policy = initializePolicy(settings.policyFile().map(this::readPolicyFile));
        if (settings.policyFile().isPresent() && !policy.publishedFirstVersion()) {
            LOG.warning(ignoredPolicyFile(settings.policyFile().get(), policy.inForce().version()));
        }
        changeFeed.start();
        index.loadFrom(anchors);
        // Unbounded so that no task of an admitted call is ever rejected: admission bounds the queue.
        handlers = new ThreadPoolExecutor(HANDLER_THREADS, HANDLER_THREADS, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), namedThreads("grpc-handler"));
        metrics.monitorHandlerPool(handlers);
        DatabaseCallsOffloaded offloaded = new DatabaseCallsOffloaded(handlers, settings.limits().maxQueuedCalls());
        ServerBuilder<?> builder = transport.builder().directExecutor();
        // Interceptors run last to first: admission runs right after the ones that measure and log every
        // call, so that a call refused for want of room is still counted and logged, and before anything else.
        List<ServerInterceptor> chain = new ArrayList<>(interceptors);
        chain.add(firstObserving(chain), offloaded);
        services.forEach(service -> builder.addService(ServerInterceptors.intercept(service, chain)));
        server = builder.build().start();
        databaseHealth.start();
        recoveryJob.start();
        keyPruning.start();
        policyFollower.start();
        tokensFile.start();
        metrics.start();
        feedRelay.start();
        LOG.info("Anchor Health listening on " + transport.describe(server.getPort()) + ", database "
                + database.describe() + ", policy version " + policy.inForce().version() + ", "
                + index.size() + " anchors loaded, " + describeCallers());
    }

    /** The file only seeds an empty store; a store with versions changes through publication. */
    static String ignoredPolicyFile(Path file, long versionInForce) {
        return "--policy " + file + " ignored: the store already holds policy versions (version " + versionInForce
                + " in force); to put the file's policy in force, publish it with PolicyService/PublishPolicy "
                + "(admin role), or start on an empty store";
    }

    /** Where the interceptors that observe every call begin (they come last in the list, and so run first). */
    private static int firstObserving(List<ServerInterceptor> chain) {
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i) instanceof MetricCollectingServerInterceptor) {
                return i;
            }
        }
        return chain.size();
    }

    private String describeCallers() {
        return settings.tokens().isEmpty()
                ? "no bearer tokens (--tokens): every caller is anonymous, so only loopback addresses are served"
                : settings.tokens().size() + " bearer tokens";
    }

    public int port() {
        return server.getPort();
    }

    /**
     * Stops taking calls, lets those in flight finish (up to a grace period), then closes the store.
     * {@link Main} says when it has stopped.
     */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        databaseHealth.stop();
        health.enterTerminalState();
        int endedHealthWatches = healthWatches.endAll();
        recoveryJob.stop();
        keyPruning.stop();
        policyFollower.stop();
        tokensFile.stop();
        feedRelay.stop();
        server.shutdown();
        changeFeed.stop();
        LOG.info("Stopping: NOT_SERVING, " + endedHealthWatches + " health watches and the change feed's watches "
                + "ended, " + calls.inFlight() + " calls in flight given up to " + GRACE_SECONDS + " s to finish");
        try {
            if (!server.awaitTermination(GRACE_SECONDS, TimeUnit.SECONDS)) {
                LOG.warning(calls.inFlight() + " calls still in flight after " + GRACE_SECONDS + " s: cancelled");
                server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
        handlers.shutdownNow();
        writerThreads.stop();
        metrics.stop();
        database.close();
        server = null;
    }

    public void awaitTermination() throws InterruptedException {
        Server running;
        synchronized (this) {
            running = server;
        }
        if (running != null) {
            running.awaitTermination();
        }
    }

    private InitializePolicy.Outcome initializePolicy(Optional<Policy> configured) {
        try {
            return initializePolicy.initialize(configured);
        } catch (InvalidRequestException e) {
            throw new SettingsException("--policy " + settings.policyFile().map(Path::toString).orElse("")
                    + " is not a valid policy: " + e.getMessage());
        }
    }

    private Policy readPolicyFile(Path path) {
        try {
            return policyCodec.readPolicyFile(Files.readString(path));
        } catch (IOException e) {
            throw new SettingsException("--policy " + path + " cannot be read: " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new SettingsException("--policy " + path + " is not a Policy in JSON: " + e.getMessage());
        }
    }

    static ThreadFactory namedThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
