package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.MariaDbForTests;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.CreateGuildRequest;
import com.anchorhealth.api.v1.GuildEvent;
import com.anchorhealth.api.v1.GuildServiceGrpc;
import com.anchorhealth.api.v1.ListGuildEventsRequest;
import com.anchorhealth.api.v1.RecordGuildViolationRequest;
import com.anchorhealth.api.v1.Severity;
import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.api.v1.WatchStandingChangesRequest;
import com.google.common.util.concurrent.ListenableFuture;
import com.google.rpc.Code;
import com.google.rpc.RetryInfo;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What one caller may take: the queue of database calls and the public health watches are bounded. */
class ServingLimitsTest {
    private static final int MAX_QUEUED = 4;
    private static final String GUILD = "held";

    /**
     * With every handler thread waiting on a row lock held outside the server, at most
     * {@value MAX_QUEUED} more calls wait for a thread: the others are refused at once with
     * RetryInfo and write nothing, while a check still answers. A guild's own violation holds a
     * handler thread while it waits for the guild's row; a change to an anchor holds none (it waits
     * in the anchor writer's lane, RELIABILITY.md), so it cannot fill the queue.
     */
    @Test
    void beyondTheQueueADatabaseCallIsResourceExhaustedWithRetryInfo() throws Exception {
        String url = MariaDbForTests.freshDatabase("anchor_health_queue");
        ServingLimits limits = limits(MAX_QUEUED, ServingLimits.DEFAULTS.maxHealthWatches());
        try (RunningServer server = RunningServer.start(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD, limits);
             Connection holder = createGuildAndLockItsRow(server, url)) {
            // One at a time, so that each finds the last one settled on a thread or in the queue.
            int sent = AnchorHealthServer.HANDLER_THREADS + MAX_QUEUED + 8;
            List<ListenableFuture<?>> calls = new ArrayList<>();
            for (int i = 0; i < sent; i++) {
                calls.add(guildViolation(server, "flood-" + i));
                Thread.sleep(20);
            }
            Thread.sleep(1000);
            List<ListenableFuture<?>> waiting = calls.stream().filter(call -> !call.isDone()).toList();
            assertTrue(waiting.size() >= AnchorHealthServer.HANDLER_THREADS
                    && waiting.size() <= AnchorHealthServer.HANDLER_THREADS + MAX_QUEUED,
                    waiting.size() + " calls wait: the threads' and at most the queue's");
            for (ListenableFuture<?> call : calls) {
                if (call.isDone()) {
                    assertOverloaded(assertThrows(ExecutionException.class, call::get).getCause());
                }
            }

            long started = System.nanoTime();
            assertOverloaded(assertThrows(ExecutionException.class, () -> guildViolation(server, "refused")
                    .get(5, TimeUnit.SECONDS)).getCause());
            long refusedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            assertTrue(refusedMillis < 1000, "refused in " + refusedMillis + " ms, not queued");
            assertTrue(CapabilityServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(2, TimeUnit.SECONDS)
                    .checkCapability(CheckCapabilityRequest.newBuilder().setAnchorId("mia")
                            .setCapability(Capability.PK).build()).getAllowed());

            holder.rollback();
            int written = 0;
            for (ListenableFuture<?> call : waiting) {
                try {
                    call.get(30, TimeUnit.SECONDS);
                    written++;
                } catch (ExecutionException e) {
                    // Once the guild is removed (at 50), its further violations are refused.
                }
            }
            assertTrue(written > 0);
            List<GuildEvent> events = GuildServiceGrpc.newBlockingStub(server.channel()).listGuildEvents(
                    ListGuildEventsRequest.newBuilder().setParent("guilds/" + GUILD).setPageSize(500).build())
                    .getGuildEventsList();
            assertEquals(written, events.stream().filter(event -> event.getKind() == GuildEvent.Kind.OWN_VIOLATION)
                    .count(), "every acknowledged violation written once, the refused ones not at all");
        }
    }

    private static Connection createGuildAndLockItsRow(RunningServer server, String url) throws SQLException {
        GuildServiceGrpc.newBlockingStub(server.channel()).createGuild(CreateGuildRequest.newBuilder()
                .setRequestId("create").setGuildId(GUILD).setDisplayName("Held").build());
        Connection holder = DriverManager.getConnection(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD);
        holder.setAutoCommit(false);
        try (Statement lock = holder.createStatement()) {
            lock.executeQuery("SELECT * FROM guilds WHERE guild_id = '" + GUILD + "' FOR UPDATE").close();
        }
        return holder;
    }

    private static ListenableFuture<?> guildViolation(RunningServer server, String requestId) {
        return GuildServiceGrpc.newFutureStub(server.channel()).withDeadlineAfter(30, TimeUnit.SECONDS)
                .recordGuildViolation(RecordGuildViolationRequest.newBuilder().setRequestId(requestId)
                        .setGuild("guilds/" + GUILD).setSeverity(Severity.MINOR).setDescription("held on the row lock")
                        .build());
    }

    private static void assertOverloaded(Throwable error) {
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        assertEquals(Code.RESOURCE_EXHAUSTED_VALUE, status.getCode(), String.valueOf(error));
        assertTrue(status.getDetailsList().stream().anyMatch(detail -> detail.is(RetryInfo.class)), "RetryInfo");
    }

    @Test
    void healthWatchesAreLimitedAndAClosedOneMakesRoom() throws Exception {
        ServingLimits limits = limits(ServingLimits.DEFAULTS.maxQueuedCalls(), 3);
        try (RunningServer server = RunningServer.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "", limits)) {
            List<Context.CancellableContext> watches = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Context.CancellableContext watch = Context.current().withCancellation();
                CompletableFuture<HealthCheckResponse.ServingStatus> first = new CompletableFuture<>();
                watch.run(() -> HealthGrpc.newStub(server.channel()).watch(HealthCheckRequest.getDefaultInstance(),
                        firstAnswer(first)));
                assertEquals(HealthCheckResponse.ServingStatus.SERVING, first.get(5, TimeUnit.SECONDS));
                watches.add(watch);
            }
            assertEquals(Status.Code.RESOURCE_EXHAUSTED, watchStatus(server));

            watches.get(0).cancel(null);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            Status.Code afterClose = watchStatus(server);
            while (afterClose != Status.Code.OK && System.nanoTime() < deadline) {
                Thread.sleep(20);
                afterClose = watchStatus(server);
            }
            assertEquals(Status.Code.OK, afterClose, "a closed watch makes room");
            assertFalse(HealthGrpc.newBlockingStub(server.channel()).check(HealthCheckRequest.getDefaultInstance())
                    .getStatus().equals(HealthCheckResponse.ServingStatus.NOT_SERVING), "Check is not limited");
            watches.forEach(watch -> watch.cancel(null));
        }
    }

    @Test
    void oneCallersFeedWatchesAreLimitedAndLeaveOtherCallersTheirs() throws Exception {
        ServingLimits d = ServingLimits.DEFAULTS;
        ServingLimits limits = new ServingLimits(d.maxConnectionIdle(), d.maxConnectionAge(),
                d.maxConnectionAgeGrace(), d.keepAliveTime(), d.keepAliveTimeout(), d.maxCallsPerConnection(),
                d.maxQueuedCalls(), d.maxHealthWatches(), d.maxPublicReads(), 2, d.maxConsolePages());
        try (RunningServer server = RunningServer.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                "sa", "", TestResources.TOKENS, limits)) {
            List<Context.CancellableContext> open = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                open.add(feedWatch(server, "reader-token-for-tests", Status.Code.OK));
            }
            feedWatch(server, "reader-token-for-tests", Status.Code.RESOURCE_EXHAUSTED).cancel(null);
            open.add(feedWatch(server, "backoffice-token-for-tests", Status.Code.OK));

            open.remove(0).cancel(null);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            Context.CancellableContext again = null;
            while (again == null && System.nanoTime() < deadline) {
                try {
                    again = feedWatch(server, "reader-token-for-tests", Status.Code.OK);
                } catch (AssertionError notYet) {
                    Thread.sleep(20);
                }
            }
            assertTrue(again != null, "a closed watch makes room for its caller");
            open.add(again);
            open.forEach(watch -> watch.cancel(null));
        }
    }

    /**
     * A WatchStandingChanges stream from now, as the caller of this token: refused at once with
     * {@code expected}, or (OK) still open half a second later, and returned open.
     */
    private static Context.CancellableContext feedWatch(RunningServer server, String token, Status.Code expected)
            throws Exception {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        Context.CancellableContext watch = Context.current().withCancellation();
        CompletableFuture<Status.Code> ended = new CompletableFuture<>();
        watch.run(() -> CapabilityServiceGrpc.newStub(server.channel())
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .watchStandingChanges(WatchStandingChangesRequest.getDefaultInstance(), new StreamObserver<>() {
                    @Override
                    public void onNext(StandingChange change) {
                    }

                    @Override
                    public void onError(Throwable error) {
                        ended.complete(Status.fromThrowable(error).getCode());
                    }

                    @Override
                    public void onCompleted() {
                        ended.complete(Status.Code.OK);
                    }
                }));
        Status.Code code;
        try {
            code = ended.get(expected == Status.Code.OK ? 500 : 5000, TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillOpen) {
            code = Status.Code.OK;
        }
        if (code != expected) {
            watch.cancel(null);
            throw new AssertionError(token + "'s watch: expected " + expected + ", was " + code);
        }
        return watch;
    }

    /** OK when a new watch is accepted (it is then closed again), else the status it was refused with. */
    private static Status.Code watchStatus(RunningServer server) throws Exception {
        Context.CancellableContext watch = Context.current().withCancellation();
        CompletableFuture<HealthCheckResponse.ServingStatus> first = new CompletableFuture<>();
        watch.run(() -> HealthGrpc.newStub(server.channel()).watch(HealthCheckRequest.getDefaultInstance(),
                firstAnswer(first)));
        try {
            first.get(5, TimeUnit.SECONDS);
            return Status.Code.OK;
        } catch (ExecutionException e) {
            return Status.fromThrowable(e.getCause()).getCode();
        } finally {
            watch.cancel(null);
        }
    }

    private static StreamObserver<HealthCheckResponse> firstAnswer(
            CompletableFuture<HealthCheckResponse.ServingStatus> first) {
        return new StreamObserver<>() {
            @Override
            public void onNext(HealthCheckResponse response) {
                first.complete(response.getStatus());
            }

            @Override
            public void onError(Throwable error) {
                first.completeExceptionally(error);
            }

            @Override
            public void onCompleted() {
                first.completeExceptionally(new AssertionError("the watch ended"));
            }
        };
    }

    /** The default limits but these two. */
    static ServingLimits limits(int maxQueuedCalls, int maxHealthWatches) {
        ServingLimits d = ServingLimits.DEFAULTS;
        return new ServingLimits(d.maxConnectionIdle(), d.maxConnectionAge(), d.maxConnectionAgeGrace(),
                d.keepAliveTime(), d.keepAliveTimeout(), d.maxCallsPerConnection(), maxQueuedCalls, maxHealthWatches,
                d.maxPublicReads(), d.maxWatchesPerCaller(), d.maxConsolePages());
    }
}
