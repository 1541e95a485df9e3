package com.anchorhealth.server;

import com.anchorhealth.api.v1.AdjustScoreRequest;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.CreateGuildRequest;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.GuildServiceGrpc;
import com.anchorhealth.api.v1.ListPublicNoticesRequest;
import com.anchorhealth.api.v1.ListScoreEventsRequest;
import com.anchorhealth.api.v1.PolicyServiceGrpc;
import com.anchorhealth.api.v1.PublishPolicyRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.ScoreEvent;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.VerifyScoresRequest;
import com.anchorhealth.api.v1.Violation;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.google.protobuf.FieldMask;
import com.google.rpc.Code;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static com.anchorhealth.api.v1.Capability.PK;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bearer tokens end to end: the real wiring with the tokens of src/test/resources/tokens.txt, whose
 * token for each role is {@code <role>-token-for-tests}.
 */
class AccessOverGrpcTest {
    private static final String READER = "reader-token-for-tests";
    private static final String INGEST = "ingest-token-for-tests";
    private static final String BACKOFFICE = "backoffice-token-for-tests";
    private static final String ADMIN = "admin-token-for-tests";

    private static RunningServer server;

    @BeforeAll
    static void startServer() throws IOException {
        server = RunningServer.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", TestResources.TOKENS);
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    @Test
    void withoutATokenACallIsUnauthenticated() {
        assertRefused(Code.UNAUTHENTICATED, "missing bearer token", () -> AnchorServiceGrpc
                .newBlockingStub(server.channel()).getAnchor(GetAnchorRequest.newBuilder().setName("anchors/mia").build()));
        assertRefused(Code.UNAUTHENTICATED, "unknown bearer token", () -> as("not-a-token", CapabilityServiceGrpc::newBlockingStub)
                .checkCapability(CheckCapabilityRequest.newBuilder().setAnchorId("mia").setCapability(PK).build()));
    }

    @Test
    void aReaderMayCheckButNotRecordAViolation() {
        String id = registerAnchor();
        assertTrue(as(READER, CapabilityServiceGrpc::newBlockingStub)
                .checkCapability(CheckCapabilityRequest.newBuilder().setAnchorId(id).setCapability(PK).build())
                .getAllowed());

        assertRefused(Code.PERMISSION_DENIED, "recommendation (role reader) may not call "
                        + "anchorhealth.v1.ViolationService/RecordViolation: it needs the role ingest",
                () -> as(READER, ViolationServiceGrpc::newBlockingStub).recordViolation(violation(id)));
        assertEquals(1, scoreEvents(id).size(), "nothing recorded");
    }

    @Test
    void theLedgerNamesTheActorOfTheTokenThatRecordedAViolation() {
        String id = registerAnchor();
        Violation violation = as(INGEST, ViolationServiceGrpc::newBlockingStub).recordViolation(violation(id));

        List<ScoreEvent> events = scoreEvents(id);
        assertEquals(List.of(ScoreEvent.Kind.INITIAL, ScoreEvent.Kind.DEDUCTION),
                events.stream().map(ScoreEvent::getKind).toList());
        assertEquals(List.of("moderation-pipeline", "moderation-pipeline"),
                events.stream().map(ScoreEvent::getActor).toList());
        assertEquals(violation.getName(), events.get(1).getViolation());
    }

    @Test
    void policyAndVerificationAreTheAdminsAlone() {
        PublishPolicyRequest publish = PublishPolicyRequest.newBuilder().setRequestId("policy-" + UUID.randomUUID()).build();
        assertRefused(Code.PERMISSION_DENIED, "it needs the role admin",
                () -> as(BACKOFFICE, PolicyServiceGrpc::newBlockingStub).publishPolicy(publish));
        assertRefused(Code.PERMISSION_DENIED, "it needs the role admin",
                () -> as(INGEST, AnchorServiceGrpc::newBlockingStub).verifyScores(VerifyScoresRequest.getDefaultInstance()));
        assertEquals(0, as(ADMIN, AnchorServiceGrpc::newBlockingStub)
                .verifyScores(VerifyScoresRequest.getDefaultInstance()).getMismatchesCount());
    }

    @Test
    void onlyTheGuildRolesMayWriteAMembershipThroughAProfileAndARefusedSyncWritesNothing() {
        String guildId = "guild-" + UUID.randomUUID();
        as(BACKOFFICE, GuildServiceGrpc::newBlockingStub).createGuild(CreateGuildRequest.newBuilder()
                .setRequestId("guild-" + guildId).setGuildId(guildId).setDisplayName("Starlight").build());
        String id = "anchor-" + UUID.randomUUID();
        Anchor.Builder profile = Anchor.newBuilder().setAnchorId(id).setDisplayName("Mia").setLevel(4);

        assertRefused(Code.PERMISSION_DENIED, "moderation-pipeline (role ingest) may not write anchor.guild_id through "
                + "anchorhealth.v1.AnchorService/UpsertAnchor: it needs the role moderator or guild_manager", () -> as(INGEST,
                AnchorServiceGrpc::newBlockingStub).upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId("join-" + id)
                .setAnchor(profile.clone().setGuildId(guildId)).build()));
        assertRefused(Code.NOT_FOUND, "anchors/" + id, () -> as(READER, AnchorServiceGrpc::newBlockingStub)
                .getAnchor(GetAnchorRequest.newBuilder().setName("anchors/" + id).build()));

        assertEquals(guildId, as(BACKOFFICE, AnchorServiceGrpc::newBlockingStub).upsertAnchor(UpsertAnchorRequest
                .newBuilder().setRequestId("join-" + id).setAnchor(profile.clone().setGuildId(guildId)).build())
                .getGuildId(), "the back office registers the anchor in its guild");
        assertEquals(guildId, as(INGEST, AnchorServiceGrpc::newBlockingStub).upsertAnchor(UpsertAnchorRequest
                .newBuilder().setRequestId("sync-" + id).setAnchor(profile.clone().setLevel(3)).build()).getGuildId(),
                "the platform's sync leaves the guild out and keeps it");
        assertRefused(Code.PERMISSION_DENIED, "it needs the role moderator or guild_manager", () -> as(INGEST,
                AnchorServiceGrpc::newBlockingStub).upsertAnchor(UpsertAnchorRequest.newBuilder()
                .setRequestId("release-" + id).setAnchor(profile.clone().setLevel(1))
                .setUpdateMask(FieldMask.newBuilder().addPaths("level").addPaths("guild_id")).build()));
        Anchor kept = as(READER, AnchorServiceGrpc::newBlockingStub).getAnchor(GetAnchorRequest.newBuilder()
                .setName("anchors/" + id).build());
        assertEquals(guildId, kept.getGuildId());
        assertEquals(3, kept.getLevel(), "the refused release wrote nothing");
        assertRefused(Code.PERMISSION_DENIED, "it needs the role moderator or guild_manager or ingest", () -> as(READER,
                AnchorServiceGrpc::newBlockingStub).upsertAnchor(UpsertAnchorRequest.newBuilder()
                .setRequestId("sync-" + id).setAnchor(profile).build()));
    }

    @Test
    void aScoreAdjustmentIsTheAdminsAndNamesThem() {
        String id = registerAnchor();
        AdjustScoreRequest adjustment = AdjustScoreRequest.newBuilder().setRequestId("adjust-" + id)
                .setAnchor("anchors/" + id).setDelta(-12).setReason("gift fraud, case 7781").build();
        assertRefused(Code.PERMISSION_DENIED, "it needs the role admin",
                () -> as(BACKOFFICE, AnchorServiceGrpc::newBlockingStub).adjustScore(adjustment));
        assertEquals(1, scoreEvents(id).size(), "nothing adjusted");

        assertEquals(88, as(ADMIN, AnchorServiceGrpc::newBlockingStub).adjustScore(adjustment).getStanding()
                .getScore());
        ScoreEvent entry = scoreEvents(id).get(1);
        assertEquals(ScoreEvent.Kind.ADJUSTMENT, entry.getKind());
        assertEquals("ops", entry.getActor());
        assertEquals("gift fraud, case 7781", entry.getReason());
    }

    /** Request ids are each caller's own: another pipeline's id can neither collide with nor pre-claim ours. */
    @Test
    void twoCallersMayUseTheSameRequestIdForDifferentViolations() {
        String id = registerAnchor();
        String requestId = "shared-" + UUID.randomUUID();
        RecordViolationRequest theirs = violation(id).toBuilder().setRequestId(requestId)
                .setViolationType("VULGAR_LANGUAGE").build();
        RecordViolationRequest ours = violation(id).toBuilder().setRequestId(requestId).build();

        Violation first = as(ADMIN, ViolationServiceGrpc::newBlockingStub).recordViolation(theirs);
        Violation second = as(INGEST, ViolationServiceGrpc::newBlockingStub).recordViolation(ours);

        assertNotEquals(first.getName(), second.getName());
        assertEquals("PORNOGRAPHY", second.getViolationType());
        assertEquals(second, as(INGEST, ViolationServiceGrpc::newBlockingStub).recordViolation(ours), "a retry");
    }

    @Test
    void healthAndPublicNoticesNeedNoToken() {
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, HealthGrpc.newBlockingStub(server.channel())
                .check(HealthCheckRequest.getDefaultInstance()).getStatus());
        GuildServiceGrpc.newBlockingStub(server.channel()).listPublicNotices(ListPublicNoticesRequest.getDefaultInstance());
    }

    @Test
    void reflectionNeedsAReadersToken() throws Exception {
        Status withoutToken = listServices(ServerReflectionGrpc.newStub(server.channel()));
        assertEquals(Status.Code.UNAUTHENTICATED, withoutToken.getCode(), withoutToken.toString());
        assertEquals(Status.Code.OK, listServices(as(READER, ServerReflectionGrpc::newStub)).getCode());
    }

    /** Asks reflection for the list of services; the status the stream ended with. */
    private static Status listServices(ServerReflectionGrpc.ServerReflectionStub stub) throws Exception {
        CompletableFuture<Status> ended = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = stub.serverReflectionInfo(new StreamObserver<>() {
            @Override
            public void onNext(ServerReflectionResponse response) {
                assertTrue(response.hasListServicesResponse());
            }

            @Override
            public void onError(Throwable error) {
                ended.complete(Status.fromThrowable(error));
            }

            @Override
            public void onCompleted() {
                ended.complete(Status.OK);
            }
        });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();
        return ended.get(10, TimeUnit.SECONDS);
    }

    private static String registerAnchor() {
        String id = "anchor-" + UUID.randomUUID();
        as(INGEST, AnchorServiceGrpc::newBlockingStub).upsertAnchor(UpsertAnchorRequest.newBuilder()
                .setRequestId("register-" + id)
                .setAnchor(Anchor.newBuilder().setAnchorId(id).setDisplayName("Mia").setLevel(4)).build());
        return id;
    }

    private static RecordViolationRequest violation(String id) {
        return RecordViolationRequest.newBuilder().setRequestId("violation-" + UUID.randomUUID()).setAnchorId(id)
                .setViolationType("PORNOGRAPHY").setSource("moderation-test").build();
    }

    private static List<ScoreEvent> scoreEvents(String id) {
        return as(READER, AnchorServiceGrpc::newBlockingStub)
                .listScoreEvents(ListScoreEventsRequest.newBuilder().setParent("anchors/" + id).build()).getScoreEventsList();
    }

    /** A stub that sends {@code authorization: Bearer <token>} with every call. */
    private static <S extends AbstractStub<S>> S as(String token, Function<io.grpc.Channel, S> stub) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return stub.apply(server.channel()).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static void assertRefused(Code code, String message, Runnable call) {
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, call::run);
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        assertEquals(code.getNumber(), status.getCode(), status.getMessage());
        assertTrue(status.getMessage().contains(message), status.getMessage());
    }
}
