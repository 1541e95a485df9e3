package com.anchorhealth.server;

import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.GuildServiceGrpc;
import com.anchorhealth.api.v1.PolicyServiceGrpc;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.Violation;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import org.junit.jupiter.api.AfterAll;

import java.util.UUID;

/**
 * An end-to-end contract against one server, which each subclass starts on its database in a
 * {@code @BeforeAll}; the stubs are typed, as callers use them.
 */
abstract class OneServerContract {
    static RunningServer server;

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    static AnchorServiceGrpc.AnchorServiceBlockingStub anchors() {
        return AnchorServiceGrpc.newBlockingStub(server.channel());
    }

    static ViolationServiceGrpc.ViolationServiceBlockingStub violations() {
        return ViolationServiceGrpc.newBlockingStub(server.channel());
    }

    static CapabilityServiceGrpc.CapabilityServiceBlockingStub capabilities() {
        return CapabilityServiceGrpc.newBlockingStub(server.channel());
    }

    static GuildServiceGrpc.GuildServiceBlockingStub guilds() {
        return GuildServiceGrpc.newBlockingStub(server.channel());
    }

    static PolicyServiceGrpc.PolicyServiceBlockingStub policies() {
        return PolicyServiceGrpc.newBlockingStub(server.channel());
    }

    /** A level-2 anchor, a member of the guild when one is given. */
    static String registerAnchor(String guildId) {
        String id = "anchor-" + UUID.randomUUID();
        Anchor.Builder anchor = Anchor.newBuilder().setAnchorId(id).setDisplayName("Lin").setLevel(2);
        if (guildId != null) {
            anchor.setGuildId(guildId);
        }
        anchors().upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId(requestId()).setAnchor(anchor).build());
        return id;
    }

    static Violation recordViolation(String anchorId, String type) {
        return violations().recordViolation(RecordViolationRequest.newBuilder().setRequestId(requestId())
                .setAnchorId(anchorId).setViolationType(type).setSource("moderation-test").build());
    }

    static String requestId() {
        return "req-" + UUID.randomUUID();
    }
}
