package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.MariaDbForTests;
import com.anchorhealth.api.v1.AddGuildMemberRequest;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.CreateGuildRequest;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.Guild;
import com.anchorhealth.api.v1.GuildServiceGrpc;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.google.common.util.concurrent.ListenableFuture;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A guild removed while a membership change is under way takes no member: the change waits for the
 * guild's row, and sees the removal once it commits. The removal is played by another connection
 * holding the guild's row lock, as the removing transaction does, then marking the guild removed.
 */
class RemovedGuildTakesNoMemberTest {
    @Test
    void aMemberAddedWhileTheGuildIsBeingRemovedIsRefused() throws Exception {
        String url = MariaDbForTests.freshDatabase("anchor_health_guild_lock");
        try (RunningServer server = RunningServer.start(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD,
                Optional.empty());
             Connection remover = DriverManager.getConnection(url, MariaDbForTests.USER, MariaDbForTests.PASSWORD)) {
            GuildServiceGrpc.newBlockingStub(server.channel()).createGuild(CreateGuildRequest.newBuilder()
                    .setRequestId("create").setGuildId("starlight").setDisplayName("Starlight").build());
            AnchorServiceGrpc.newBlockingStub(server.channel()).upsertAnchor(UpsertAnchorRequest.newBuilder()
                    .setRequestId("reg-mia").setAnchor(Anchor.newBuilder().setAnchorId("mia").setDisplayName("Mia")
                            .setLevel(1)).build());

            remover.setAutoCommit(false);
            try (Statement removal = remover.createStatement()) {
                removal.executeQuery("SELECT * FROM guilds WHERE guild_id = 'starlight' FOR UPDATE").close();
                ListenableFuture<Guild> joining = GuildServiceGrpc.newFutureStub(server.channel())
                        .withDeadlineAfter(20, TimeUnit.SECONDS).addGuildMember(AddGuildMemberRequest.newBuilder()
                                .setRequestId("join").setGuild("guilds/starlight").setAnchorId("mia").build());
                Thread.sleep(1000);
                assertFalse(joining.isDone(), "the membership change waits for the guild's row");
                removal.executeUpdate("UPDATE guilds SET status = 'REMOVED', score = 50, removed_at = 1"
                        + " WHERE guild_id = 'starlight'");
                remover.commit();

                ExecutionException refused = assertThrows(ExecutionException.class,
                        () -> joining.get(20, TimeUnit.SECONDS));
                assertInstanceOf(StatusRuntimeException.class, refused.getCause());
                assertEquals(Status.Code.FAILED_PRECONDITION,
                        ((StatusRuntimeException) refused.getCause()).getStatus().getCode());
            }
            assertEquals("", AnchorServiceGrpc.newBlockingStub(server.channel()).getAnchor(GetAnchorRequest
                    .newBuilder().setName("anchors/mia").build()).getGuildId(), "mia joined nothing");
        }
    }
}
