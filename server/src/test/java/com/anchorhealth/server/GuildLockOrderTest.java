package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.MariaDbForTests;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.BatchRecordViolationResult;
import com.anchorhealth.api.v1.BatchRecordViolationsRequest;
import com.anchorhealth.api.v1.CreateGuildRequest;
import com.anchorhealth.api.v1.GuildServiceGrpc;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Guild rows are taken in one order by every writer, after the anchors: two batches that charge the
 * same two guilds, each naming them in the other's order, never deadlock (a deadlock costs a whole
 * transaction, and every call in it, a retry or an ABORTED answer).
 */
class GuildLockOrderTest {
    private static final int ROUNDS = 20;

    @Test
    void batchesChargingTwoGuildsInOppositeOrdersNeverDeadlock() throws Exception {
        String url = MariaDbForTests.freshDatabase("anchor_health_guild_lock_order");
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try (RunningServer server = RunningServer.start(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD,
                Optional.empty());
             Connection status = DriverManager.getConnection(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD)) {
            for (String guildId : List.of("guild-a", "guild-b")) {
                GuildServiceGrpc.newBlockingStub(server.channel()).createGuild(CreateGuildRequest.newBuilder()
                        .setRequestId("create-" + guildId).setGuildId(guildId).setDisplayName(guildId).build());
                for (int i = 0; i < 2 * ROUNDS; i++) {
                    String anchorId = guildId + "-member-" + i;
                    AnchorServiceGrpc.newBlockingStub(server.channel()).upsertAnchor(UpsertAnchorRequest.newBuilder()
                            .setRequestId("reg-" + anchorId).setAnchor(Anchor.newBuilder().setAnchorId(anchorId)
                                    .setDisplayName(anchorId).setLevel(1).setGuildId(guildId)).build());
                }
            }
            long deadlocksBefore = deadlocks(status);

            for (int round = 0; round < ROUNDS; round++) {
                List<Future<List<BatchRecordViolationResult>>> batches = new ArrayList<>();
                batches.add(callers.submit(batch(server, "a-first-" + round, "guild-a-member-" + round,
                        "guild-b-member-" + round)));
                batches.add(callers.submit(batch(server, "b-first-" + round, "guild-b-member-" + (ROUNDS + round),
                        "guild-a-member-" + (ROUNDS + round))));
                for (Future<List<BatchRecordViolationResult>> batch : batches) {
                    for (BatchRecordViolationResult result : batch.get(60, TimeUnit.SECONDS)) {
                        assertEquals(0, result.getError().getCode(), result.getError().getMessage());
                    }
                }
            }

            assertEquals(deadlocksBefore, deadlocks(status), "deadlocks while the batches ran");
        } finally {
            callers.shutdownNow();
        }
    }

    /** Two serious violations, each costing its anchor's guild a point, in the order given. */
    private static Callable<List<BatchRecordViolationResult>> batch(RunningServer server, String requestId,
                                                                    String... anchorIds) {
        BatchRecordViolationsRequest.Builder batch = BatchRecordViolationsRequest.newBuilder();
        for (String anchorId : anchorIds) {
            batch.addRequests(RecordViolationRequest.newBuilder().setRequestId(requestId + "-" + anchorId)
                    .setAnchorId(anchorId).setViolationType("DANGEROUS_ACTS").setSource("test"));
        }
        return () -> ViolationServiceGrpc.newBlockingStub(server.channel()).withDeadlineAfter(30, TimeUnit.SECONDS)
                .batchRecordViolations(batch.build()).getResultsList();
    }

    private static long deadlocks(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_deadlocks'")) {
            row.next();
            return row.getLong(2);
        }
    }
}
