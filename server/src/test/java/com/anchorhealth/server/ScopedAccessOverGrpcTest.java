package com.anchorhealth.server;

import com.anchorhealth.adapter.access.MethodRoles;
import com.anchorhealth.api.v1.AddGuildMemberRequest;
import com.anchorhealth.api.v1.AdjustScoreRequest;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc.AnchorServiceBlockingStub;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.Appeal;
import com.anchorhealth.api.v1.BatchCheckCapabilitiesRequest;
import com.anchorhealth.api.v1.BatchRecordViolationsRequest;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CapabilityServiceGrpc.CapabilityServiceBlockingStub;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.CompleteLearningTaskRequest;
import com.anchorhealth.api.v1.CreateGuildRequest;
import com.anchorhealth.api.v1.DecideAppealRequest;
import com.anchorhealth.api.v1.FileAppealRequest;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.GetAppealRequest;
import com.anchorhealth.api.v1.GetGuildRequest;
import com.anchorhealth.api.v1.GetPolicyRequest;
import com.anchorhealth.api.v1.GetViolationRequest;
import com.anchorhealth.api.v1.Guild;
import com.anchorhealth.api.v1.GuildServiceGrpc.GuildServiceBlockingStub;
import com.anchorhealth.api.v1.GuildServiceGrpc;
import com.anchorhealth.api.v1.ListAnchorsRequest;
import com.anchorhealth.api.v1.ListAppealsRequest;
import com.anchorhealth.api.v1.ListGuildEventsRequest;
import com.anchorhealth.api.v1.ListGuildsRequest;
import com.anchorhealth.api.v1.ListPolicyVersionsRequest;
import com.anchorhealth.api.v1.ListPublicNoticesRequest;
import com.anchorhealth.api.v1.ListScoreEventsRequest;
import com.anchorhealth.api.v1.ListViolationsRequest;
import com.anchorhealth.api.v1.PolicyServiceGrpc;
import com.anchorhealth.api.v1.PublishPolicyRequest;
import com.anchorhealth.api.v1.RecordGuildViolationRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.RemoveGuildMemberRequest;
import com.anchorhealth.api.v1.Severity;
import com.anchorhealth.api.v1.SimulatePolicyRequest;
import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.VerifyScoresRequest;
import com.anchorhealth.api.v1.Violation;
import com.anchorhealth.api.v1.ViolationServiceGrpc.ViolationServiceBlockingStub;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.google.protobuf.FieldMask;
import com.google.rpc.Code;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A guild manager's token (guilds {@code stars} and {@code stars-juniors}) on every method of the
 * contract, in and out of its scope (DESIGN §11): outside it an anchor or a guild is NOT_FOUND, lists
 * and the feed leave it out, and what its role may not do is PERMISSION_DENIED. The tokens are those of
 * src/test/resources/tokens.txt.
 */
class ScopedAccessOverGrpcTest {
    private static final String MANAGER = "guild_manager-token-for-tests";
    private static final String SCOPED_READER = "reader-scoped-token-for-tests";
    private static final String INGEST = "ingest-token-for-tests";
    private static final String MODERATOR = "moderator-token-for-tests";
    private static final String DESK = "backoffice-token-for-tests";
    private static final String ADMIN = "admin-token-for-tests";

    private static RunningServer server;
    /** Members of stars, of rivals, and of no guild, each with a violation. */
    private static String star;
    private static String rival;
    private static String free;
    private static Violation starViolation;
    private static Violation rivalViolation;

    @BeforeAll
    static void startServerWithTwoGuilds() throws IOException {
        server = RunningServer.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", TestResources.TOKENS);
        createGuild("stars");
        createGuild("rivals");
        star = anchorIn("stars");
        rival = anchorIn("rivals");
        free = anchorIn("");
        starViolation = violation(star);
        rivalViolation = violation(rival);
        violation(free);
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        server.close();
    }

    @Test
    void everyMethodOfTheContractIsTriedInAndOutOfScope() {
        assertEquals(MethodRoles.contractMethods().keySet(), checks().keySet());
    }

    @TestFactory
    Stream<DynamicTest> aGuildManagerOnEveryMethod() {
        return checks().entrySet().stream().map(check -> DynamicTest.dynamicTest(check.getKey(), check.getValue()::run));
    }

    @Test
    void aScopedReaderSeesItsGuildAndItsFeedOnly() throws Exception {
        AnchorServiceBlockingStub anchors = as(SCOPED_READER, AnchorServiceGrpc::newBlockingStub);
        assertEquals(star, anchors.getAnchor(GetAnchorRequest.newBuilder().setName("anchors/" + star).build())
                .getAnchorId());
        assertNotFound(() -> anchors.getAnchor(GetAnchorRequest.newBuilder().setName("anchors/" + rival).build()));
        try (Watch watch = Watch.open(channelOf(SCOPED_READER), "")) {
            StandingChange seen = watch.awaitOneOf(() -> {
                violation(rival);
                violation(star);
                return star;
            });
            assertEquals(star, seen.getAnchorId());
            violation(rival);
            violation(free);
            assertEquals(List.of(), Stream.generate(() -> watch.poll(Duration.ofMillis(300))).limit(3)
                    .flatMap(java.util.Optional::stream).filter(change -> !change.getAnchorId().equals(star))
                    .toList(), "no other guild's change");
        }
    }

    @Test
    void nobodyDecidesAnAppealTheyFiledOrOneOfAGuildTheyManage() {
        Violation ofMoons = violation(anchorIn(createGuild("moons")));
        Appeal filed = fileAppeal(ADMIN, ofMoons);
        assertRefused(Code.PERMISSION_DENIED, "ops filed", () -> decide(ADMIN, filed));
        assertRefused(Code.PERMISSION_DENIED, "guild-desk manages guild moons", () -> decide(DESK, filed));
        assertEquals(Appeal.State.UPHELD, decide(MODERATOR, filed).getState());
    }

    @Test
    void anAnchorOfAnotherGuildJoinsOnlyOnceReleased() {
        String member = anchorIn("rivals");
        GuildServiceBlockingStub moderator = as(MODERATOR, GuildServiceGrpc::newBlockingStub);
        assertRefused(Code.FAILED_PRECONDITION, "belongs to guild " + guild("rivals"),
                () -> moderator.addGuildMember(add("stars", member)));
        assertRefused(Code.FAILED_PRECONDITION, "belongs to guild " + guild("rivals"),
                () -> as(MODERATOR, AnchorServiceGrpc::newBlockingStub).upsertAnchor(joining(member, "stars")));
        moderator.removeGuildMember(RemoveGuildMemberRequest.newBuilder().setRequestId(id()).setGuild("guilds/"
                + guild("rivals")).setAnchorId(member).build());
        moderator.addGuildMember(add("stars", member));
        assertEquals(guild("stars"), as(ADMIN, AnchorServiceGrpc::newBlockingStub).getAnchor(GetAnchorRequest
                .newBuilder().setName("anchors/" + member).build()).getGuildId());
    }

    /** Each method tried with the guild manager's token: inside its guilds, then outside them. */
    private static Map<String, Runnable> checks() {
        AnchorServiceBlockingStub anchors = as(MANAGER, AnchorServiceGrpc::newBlockingStub);
        ViolationServiceBlockingStub violations = as(MANAGER, ViolationServiceGrpc::newBlockingStub);
        CapabilityServiceBlockingStub capabilities = as(MANAGER, CapabilityServiceGrpc::newBlockingStub);
        GuildServiceBlockingStub guilds = as(MANAGER, GuildServiceGrpc::newBlockingStub);
        var policies = as(MANAGER, PolicyServiceGrpc::newBlockingStub);
        Map<String, Runnable> checks = new LinkedHashMap<>();
        String anchorService = "anchorhealth.v1.AnchorService/";
        checks.put(anchorService + "UpsertAnchor", () -> {
            String joiner = anchorIn("");
            assertEquals(guild("stars"), anchors.upsertAnchor(joining(joiner, "stars")).getGuildId(),
                    "an anchor of no guild joins its manager's guild");
            assertRefused(Code.PERMISSION_DENIED, "may not write anchor.display_name", () -> anchors.upsertAnchor(
                    UpsertAnchorRequest.newBuilder().setRequestId(id()).setAnchor(Anchor.newBuilder()
                            .setAnchorId(star).setDisplayName("Renamed")).build()));
            assertNotFound(() -> anchors.upsertAnchor(joining(anchorIn(""), "rivals")));
        });
        checks.put(anchorService + "AdjustScore", () -> assertRefused(Code.PERMISSION_DENIED, "needs the role admin",
                () -> anchors.adjustScore(AdjustScoreRequest.newBuilder().setRequestId(id())
                        .setAnchor("anchors/" + star).setDelta(5).setReason("kind").build())));
        checks.put(anchorService + "GetAnchor", () -> {
            assertEquals(star, anchors.getAnchor(GetAnchorRequest.newBuilder().setName("anchors/" + star).build())
                    .getAnchorId());
            assertNotFound(() -> anchors.getAnchor(GetAnchorRequest.newBuilder().setName("anchors/" + rival).build()));
            assertNotFound(() -> anchors.getAnchor(GetAnchorRequest.newBuilder().setName("anchors/" + free).build()));
        });
        checks.put(anchorService + "ListAnchors", () -> {
            List<Anchor> listed = anchors.listAnchors(ListAnchorsRequest.newBuilder().setPageSize(1000).build())
                    .getAnchorsList();
            assertTrue(listed.stream().anyMatch(anchor -> anchor.getAnchorId().equals(star)));
            assertTrue(listed.stream().allMatch(anchor -> anchor.getGuildId().equals(guild("stars"))), listed::toString);
            assertEquals(0, anchors.listAnchors(ListAnchorsRequest.newBuilder()
                    .setFilter("guild_id = \"" + guild("rivals") + "\"").build()).getAnchorsCount());
        });
        checks.put(anchorService + "ListScoreEvents", () -> {
            assertTrue(anchors.listScoreEvents(ListScoreEventsRequest.newBuilder().setParent("anchors/" + star).build())
                    .getScoreEventsCount() >= 2);
            assertNotFound(() -> anchors.listScoreEvents(ListScoreEventsRequest.newBuilder()
                    .setParent("anchors/" + rival).build()));
        });
        checks.put(anchorService + "CompleteLearningTask", () -> assertRefused(Code.PERMISSION_DENIED,
                "needs the role ingest", () -> anchors.completeLearningTask(CompleteLearningTaskRequest.newBuilder()
                        .setRequestId(id()).setAnchorId(star).setTaskId("task").build())));
        checks.put(anchorService + "VerifyScores", () -> assertRefused(Code.PERMISSION_DENIED, "needs the role admin",
                () -> anchors.verifyScores(VerifyScoresRequest.getDefaultInstance())));

        String violationService = "anchorhealth.v1.ViolationService/";
        checks.put(violationService + "RecordViolation", () -> assertRefused(Code.PERMISSION_DENIED,
                "needs the role ingest", () -> violations.recordViolation(violationOf(star))));
        checks.put(violationService + "BatchRecordViolations", () -> assertRefused(Code.PERMISSION_DENIED,
                "needs the role ingest", () -> violations.batchRecordViolations(BatchRecordViolationsRequest
                        .newBuilder().addRequests(violationOf(star)).build())));
        checks.put(violationService + "GetViolation", () -> {
            assertEquals(starViolation.getName(), violations.getViolation(GetViolationRequest.newBuilder()
                    .setName(starViolation.getName()).build()).getName());
            assertNotFound(() -> violations.getViolation(GetViolationRequest.newBuilder()
                    .setName(rivalViolation.getName()).build()));
        });
        checks.put(violationService + "ListViolations", () -> {
            assertTrue(violations.listViolations(ListViolationsRequest.newBuilder().setParent("anchors/" + star).build())
                    .getViolationsCount() >= 1);
            assertNotFound(() -> violations.listViolations(ListViolationsRequest.newBuilder()
                    .setParent("anchors/" + rival).build()));
        });
        checks.put(violationService + "FileAppeal", () -> {
            assertEquals(Appeal.State.PENDING, fileAppeal(MANAGER, violation(star)).getState());
            assertNotFound(() -> fileAppeal(MANAGER, violation(rival)));
        });
        checks.put(violationService + "DecideAppeal", () -> assertRefused(Code.PERMISSION_DENIED,
                "needs the role moderator", () -> decide(MANAGER, fileAppeal(INGEST, violation(star)))));
        checks.put(violationService + "GetAppeal", () -> {
            Appeal ofStar = fileAppeal(INGEST, violation(star));
            Appeal ofRival = fileAppeal(INGEST, violation(rival));
            assertEquals(ofStar.getName(), violations.getAppeal(GetAppealRequest.newBuilder()
                    .setName(ofStar.getName()).build()).getName());
            assertNotFound(() -> violations.getAppeal(GetAppealRequest.newBuilder().setName(ofRival.getName()).build()));
        });
        checks.put(violationService + "ListAppeals", () -> {
            fileAppeal(INGEST, violation(star));
            fileAppeal(INGEST, violation(rival));
            List<Appeal> listed = violations.listAppeals(ListAppealsRequest.newBuilder().setParent("anchors/-")
                    .setPageSize(1000).build()).getAppealsList();
            assertFalse(listed.isEmpty());
            assertTrue(listed.stream().allMatch(appeal -> appeal.getName().startsWith("anchors/" + star + "/")),
                    listed::toString);
            assertNotFound(() -> violations.listAppeals(ListAppealsRequest.newBuilder()
                    .setParent("anchors/" + rival).build()));
        });

        String capabilityService = "anchorhealth.v1.CapabilityService/";
        checks.put(capabilityService + "CheckCapability", () -> {
            assertTrue(capabilities.checkCapability(check(star)).getKnownAnchor());
            assertFalse(capabilities.checkCapability(check(rival)).getKnownAnchor(), "as if unknown");
        });
        checks.put(capabilityService + "BatchCheckCapabilities", () -> assertEquals(List.of(true, false, false),
                capabilities.batchCheckCapabilities(BatchCheckCapabilitiesRequest.newBuilder().addChecks(check(star))
                        .addChecks(check(rival)).addChecks(check(free)).build()).getDecisionsList().stream()
                        .map(decision -> decision.getKnownAnchor()).toList()));
        checks.put(capabilityService + "WatchStandingChanges", () -> {
            try (Watch watch = Watch.open(channelOf(MANAGER), "")) {
                assertEquals(star, watch.awaitOneOf(() -> {
                    violation(rival);
                    violation(star);
                    return star;
                }).getAnchorId());
            }
        });

        String guildService = "anchorhealth.v1.GuildService/";
        checks.put(guildService + "CreateGuild", () -> assertRefused(Code.PERMISSION_DENIED, "needs the role moderator",
                () -> guilds.createGuild(CreateGuildRequest.newBuilder().setRequestId(id()).setGuildId(guild("mine"))
                        .setDisplayName("Mine").build())));
        checks.put(guildService + "GetGuild", () -> {
            assertEquals(guild("stars"), guilds.getGuild(GetGuildRequest.newBuilder().setName("guilds/" + guild("stars"))
                    .build()).getGuildId());
            assertNotFound(() -> guilds.getGuild(GetGuildRequest.newBuilder().setName("guilds/" + guild("rivals"))
                    .build()));
        });
        checks.put(guildService + "ListGuilds", () -> assertEquals(List.of(guild("stars")), guilds.listGuilds(
                ListGuildsRequest.newBuilder().setPageSize(1000).build()).getGuildsList().stream()
                .map(Guild::getGuildId).toList()));
        checks.put(guildService + "AddGuildMember", () -> {
            assertTrue(guilds.addGuildMember(add("stars", anchorIn(""))).getMemberCount() >= 2);
            assertRefused(Code.FAILED_PRECONDITION, "belongs to guild " + guild("rivals"),
                    () -> guilds.addGuildMember(add("stars", rival)));
            assertNotFound(() -> guilds.addGuildMember(add("rivals", anchorIn(""))));
        });
        checks.put(guildService + "RemoveGuildMember", () -> {
            String member = anchorIn("stars");
            guilds.removeGuildMember(RemoveGuildMemberRequest.newBuilder().setRequestId(id())
                    .setGuild("guilds/" + guild("stars")).setAnchorId(member).build());
            assertNotFound(() -> anchors.getAnchor(GetAnchorRequest.newBuilder().setName("anchors/" + member).build()));
            assertNotFound(() -> guilds.removeGuildMember(RemoveGuildMemberRequest.newBuilder().setRequestId(id())
                    .setGuild("guilds/" + guild("rivals")).setAnchorId(rival).build()));
        });
        checks.put(guildService + "RecordGuildViolation", () -> assertRefused(Code.PERMISSION_DENIED,
                "needs the role moderator", () -> guilds.recordGuildViolation(RecordGuildViolationRequest.newBuilder()
                        .setRequestId(id()).setGuild("guilds/" + guild("rivals")).setSeverity(Severity.MINOR)
                        .setDescription("spite").build())));
        checks.put(guildService + "ListPublicNotices", () ->
                guilds.listPublicNotices(ListPublicNoticesRequest.getDefaultInstance()));
        checks.put(guildService + "ListGuildEvents", () -> {
            assertTrue(guilds.listGuildEvents(ListGuildEventsRequest.newBuilder().setParent("guilds/" + guild("stars"))
                    .build()).getGuildEventsCount() >= 1);
            assertNotFound(() -> guilds.listGuildEvents(ListGuildEventsRequest.newBuilder()
                    .setParent("guilds/" + guild("rivals")).build()));
        });

        String policyService = "anchorhealth.v1.PolicyService/";
        checks.put(policyService + "GetPolicy", () -> assertTrue(policies.getPolicy(GetPolicyRequest.getDefaultInstance())
                .getVersion() >= 1, "the same policy for everyone"));
        checks.put(policyService + "ListPolicyVersions", () -> assertTrue(policies.listPolicyVersions(
                ListPolicyVersionsRequest.getDefaultInstance()).getVersionsCount() >= 1));
        checks.put(policyService + "PublishPolicy", () -> assertRefused(Code.PERMISSION_DENIED, "needs the role admin",
                () -> policies.publishPolicy(PublishPolicyRequest.newBuilder().setRequestId(id()).build())));
        checks.put(policyService + "SimulatePolicy", () -> assertRefused(Code.PERMISSION_DENIED,
                "needs the role moderator", () -> policies.simulatePolicy(SimulatePolicyRequest.getDefaultInstance())));
        return checks;
    }

    /** Guild ids are the names the tokens file scopes: this server's store is the test's own. */
    private static String guild(String name) {
        return name;
    }

    private static String id() {
        return UUID.randomUUID().toString();
    }

    private static String createGuild(String name) {
        as(MODERATOR, GuildServiceGrpc::newBlockingStub).createGuild(CreateGuildRequest.newBuilder().setRequestId(id())
                .setGuildId(guild(name)).setDisplayName(name).build());
        return name;
    }

    /** A new anchor, a member of the guild of this name (empty: of none). */
    private static String anchorIn(String guildName) {
        String anchorId = "a-" + UUID.randomUUID();
        as(INGEST, AnchorServiceGrpc::newBlockingStub).upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId(id())
                .setAnchor(Anchor.newBuilder().setAnchorId(anchorId).setDisplayName("Anchor").setLevel(2)).build());
        if (!guildName.isEmpty()) {
            as(MODERATOR, GuildServiceGrpc::newBlockingStub).addGuildMember(add(guildName, anchorId));
        }
        return anchorId;
    }

    private static AddGuildMemberRequest add(String guildName, String anchorId) {
        return AddGuildMemberRequest.newBuilder().setRequestId(id()).setGuild("guilds/" + guild(guildName))
                .setAnchorId(anchorId).build();
    }

    private static UpsertAnchorRequest joining(String anchorId, String guildName) {
        return UpsertAnchorRequest.newBuilder().setRequestId(id())
                .setAnchor(Anchor.newBuilder().setAnchorId(anchorId).setGuildId(guild(guildName)))
                .setUpdateMask(FieldMask.newBuilder().addPaths("guild_id")).build();
    }

    private static RecordViolationRequest violationOf(String anchorId) {
        return RecordViolationRequest.newBuilder().setRequestId(id()).setAnchorId(anchorId)
                .setViolationType("VULGAR_LANGUAGE").setSource("scope-test").build();
    }

    private static Violation violation(String anchorId) {
        return as(INGEST, ViolationServiceGrpc::newBlockingStub).recordViolation(violationOf(anchorId));
    }

    private static Appeal fileAppeal(String token, Violation violation) {
        return as(token, ViolationServiceGrpc::newBlockingStub).fileAppeal(FileAppealRequest.newBuilder()
                .setRequestId(id()).setViolation(violation.getName()).setStatement("not me").build());
    }

    private static Appeal decide(String token, Appeal appeal) {
        return as(token, ViolationServiceGrpc::newBlockingStub).decideAppeal(DecideAppealRequest.newBuilder()
                .setRequestId(id()).setAppeal(appeal.getName()).setDecision(DecideAppealRequest.Decision.UPHOLD)
                .setNote("seen").build());
    }

    private static CheckCapabilityRequest check(String anchorId) {
        return CheckCapabilityRequest.newBuilder().setAnchorId(anchorId).setCapability(Capability.PK).build();
    }

    private static Channel channelOf(String token) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return ClientInterceptors.intercept(server.channel(), MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static <S extends io.grpc.stub.AbstractStub<S>> S as(String token, Function<Channel, S> stub) {
        return stub.apply(channelOf(token));
    }

    private static void assertNotFound(Runnable call) {
        assertRefused(Code.NOT_FOUND, "not found", call);
    }

    private static void assertRefused(Code code, String message, Runnable call) {
        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, call::run);
        com.google.rpc.Status status = StatusProto.fromThrowable(error);
        assertEquals(code.getNumber(), status.getCode(), status.getMessage());
        assertTrue(status.getMessage().contains(message), status.getMessage());
    }
}
