package com.anchorhealth.server;

import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.DeductionRow;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.GetPolicyRequest;
import com.anchorhealth.api.v1.ListPolicyVersionsRequest;
import com.anchorhealth.api.v1.Policy;
import com.anchorhealth.api.v1.PolicyServiceGrpc;
import com.anchorhealth.api.v1.PolicyVersion;
import com.anchorhealth.api.v1.PublishPolicyRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.Severity;
import com.anchorhealth.api.v1.SimulatePolicyRequest;
import com.anchorhealth.api.v1.SimulatePolicyResponse;
import com.anchorhealth.api.v1.Thresholds;
import com.anchorhealth.api.v1.Tier;
import com.anchorhealth.api.v1.TierChange;
import com.anchorhealth.api.v1.TierCount;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.Violation;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.google.protobuf.Timestamp;
import com.google.rpc.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import static com.anchorhealth.server.StatusAssertions.assertFieldViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** PublishPolicy end to end: validated, versioned, idempotent, in force from its instant. */
class PolicyPublicationTest {
    private static final Policy STRICT = Policy.newBuilder()
            .setThresholds(Thresholds.newBuilder().setRestrictedBelow(90).setSeverelyRestrictedBelow(50)
                    .setRevokedBelow(1))
            .build();

    private RunningServer server;
    private PolicyServiceGrpc.PolicyServiceBlockingStub policies;

    @BeforeEach
    void start() throws IOException {
        server = RunningServer.start("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "",
                Optional.empty());
        policies = PolicyServiceGrpc.newBlockingStub(server.channel());
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    @Test
    void aPublishedVersionDecidesFromNowOnAndRetriesPublishItOnce() {
        PublishPolicyRequest request = PublishPolicyRequest.newBuilder().setRequestId("strict-1").setPolicy(STRICT)
                .build();
        Policy published = policies.publishPolicy(request);
        assertEquals(2, published.getVersion());
        assertEquals(90, published.getThresholds().getRestrictedBelow());
        assertEquals(16, published.getViolationTypesCount(), "fields left unset keep the policy in force");
        assertEquals(published, policies.publishPolicy(request), "a retry returns the first result");
        assertEquals(2, policies.getPolicy(GetPolicyRequest.getDefaultInstance()).getVersion());

        AnchorServiceGrpc.newBlockingStub(server.channel()).upsertAnchor(UpsertAnchorRequest.newBuilder()
                .setRequestId("reg-1")
                .setAnchor(Anchor.newBuilder().setAnchorId("mia").setDisplayName("Mia").setLevel(4)).build());
        var violations = ViolationServiceGrpc.newBlockingStub(server.channel());
        violations.recordViolation(violation("v-1"));
        Violation second = violations.recordViolation(violation("v-2"));
        assertEquals(84, second.getStandingAfter().getScore());
        assertEquals(Tier.RESTRICTED, second.getStandingAfter().getTier());
        assertEquals(2, second.getPolicyVersion());

        StatusRuntimeException reused = assertThrows(StatusRuntimeException.class, () -> policies.publishPolicy(
                request.toBuilder().setPolicy(STRICT.toBuilder().setWarningMargin(7)).build()));
        assertEquals(Code.ALREADY_EXISTS_VALUE, StatusProto.fromThrowable(reused).getCode());
    }

    @Test
    void aVersionKeepsItsAuthorAndTheNoteGivenWithIt() {
        PublishPolicyRequest request = PublishPolicyRequest.newBuilder().setRequestId("noted-1").setPolicy(STRICT)
                .setNote("  stricter after the May review\nsee ticket 88  ").build();
        Policy published = policies.publishPolicy(request);
        assertEquals("stricter after the May review\nsee ticket 88", published.getNote(), "kept stripped");
        assertEquals("anonymous", published.getAuthor(), "the actor of a server without tokens");
        assertEquals(published, policies.getPolicy(GetPolicyRequest.newBuilder().setVersion(2).build()));
        Policy first = policies.getPolicy(GetPolicyRequest.newBuilder().setVersion(1).build());
        assertEquals("server", first.getAuthor(), "version 1, published at the first start");
        assertEquals("", first.getNote());
        List<PolicyVersion> versions = policies.listPolicyVersions(ListPolicyVersionsRequest.getDefaultInstance())
                .getVersionsList();
        assertEquals(List.of("server", "anonymous"), versions.stream().map(PolicyVersion::getAuthor).toList());
        assertEquals(published.getNote(), versions.get(1).getNote());

        StatusRuntimeException otherNote = assertThrows(StatusRuntimeException.class, () -> policies.publishPolicy(
                request.toBuilder().setNote("another reason").build()));
        assertEquals(Code.ALREADY_EXISTS_VALUE, StatusProto.fromThrowable(otherNote).getCode(),
                "the note is part of the call");
        StatusRuntimeException control = assertThrows(StatusRuntimeException.class, () -> policies.publishPolicy(
                PublishPolicyRequest.newBuilder().setRequestId("noted-2").setPolicy(STRICT).setNote("a\u0007b")
                        .build()));
        assertFieldViolation(control, "note");
        StatusRuntimeException tooLong = assertThrows(StatusRuntimeException.class, () -> policies.publishPolicy(
                PublishPolicyRequest.newBuilder().setRequestId("noted-3").setPolicy(STRICT).setNote("x".repeat(1001))
                        .build()));
        assertFieldViolation(tooLong, "note");
        assertEquals(2, policies.listPolicyVersions(ListPolicyVersionsRequest.getDefaultInstance()).getVersionsCount());
    }

    @Test
    void aVersionEffectiveLaterIsListedButNotYetInForce() {
        long inAnHour = System.currentTimeMillis() / 1000 + 3600;
        policies.publishPolicy(PublishPolicyRequest.newBuilder().setRequestId("later-1").setPolicy(STRICT)
                .setEffectiveAt(Timestamp.newBuilder().setSeconds(inAnHour)).build());

        List<PolicyVersion> versions = policies.listPolicyVersions(ListPolicyVersionsRequest.getDefaultInstance())
                .getVersionsList();
        assertEquals(List.of(1L, 2L), versions.stream().map(PolicyVersion::getVersion).toList());
        assertTrue(versions.get(0).getInForce());
        assertFalse(versions.get(1).getInForce());
        assertEquals(40, policies.getPolicy(GetPolicyRequest.getDefaultInstance()).getThresholds().getRestrictedBelow());
    }

    @Test
    void anInvalidPolicyOrAPastInstantIsRefusedAndPublishesNothing() {
        Policy tooManyPoints = Policy.newBuilder().addDeductions(DeductionRow.newBuilder()
                .setSeverity(Severity.SEVERE).addAllPointsByLevel(List.of(6, 7, 8, 9))).build();
        StatusRuntimeException invalid = assertThrows(StatusRuntimeException.class, () -> policies.publishPolicy(
                PublishPolicyRequest.newBuilder().setRequestId("bad-1").setPolicy(tooManyPoints).build()));
        assertEquals(Code.INVALID_ARGUMENT_VALUE, StatusProto.fromThrowable(invalid).getCode());
        assertFieldViolation(invalid, "policy.deductions[SEVERE].points_by_level[3]");

        StatusRuntimeException past = assertThrows(StatusRuntimeException.class, () -> policies.publishPolicy(
                PublishPolicyRequest.newBuilder().setRequestId("past-1").setPolicy(STRICT)
                        .setEffectiveAt(Timestamp.newBuilder().setSeconds(1_600_000_000)).build()));
        assertTrue(past.getMessage().contains("effective_at"), past.getMessage());

        assertEquals(1, policies.listPolicyVersions(ListPolicyVersionsRequest.getDefaultInstance()).getVersionsCount());
    }

    @Test
    void aSimulationReportsTierMovesAndWritesNothing() {
        var anchors = AnchorServiceGrpc.newBlockingStub(server.channel());
        for (String id : List.of("ann", "bob", "cat")) {
            anchors.upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId("reg-" + id)
                    .setAnchor(Anchor.newBuilder().setAnchorId(id).setDisplayName(id).setLevel(4)).build());
        }
        var violations = ViolationServiceGrpc.newBlockingStub(server.channel());
        for (int i = 0; i < 2; i++) {
            violations.recordViolation(violation("ann-" + i).toBuilder().setAnchorId("ann").build());   // 84
        }
        for (int i = 0; i < 8; i++) {
            violations.recordViolation(violation("bob-" + i).toBuilder().setAnchorId("bob").build());   // 36
        }

        SimulatePolicyResponse simulated = policies.simulatePolicy(SimulatePolicyRequest.newBuilder()
                .setPolicy(STRICT).build());
        assertEquals(3, simulated.getAnchorsReplayed());
        assertEquals(10, simulated.getViolationsReplayed());
        assertEquals(Map.of(Tier.NORMAL, 2L, Tier.RESTRICTED, 1L, Tier.SEVERELY_RESTRICTED, 0L, Tier.REVOKED, 0L),
                counts(simulated.getCurrentTiersList()));
        assertEquals(Map.of(Tier.NORMAL, 1L, Tier.RESTRICTED, 1L, Tier.SEVERELY_RESTRICTED, 1L, Tier.REVOKED, 0L),
                counts(simulated.getCandidateTiersList()));
        assertEquals(2, simulated.getAnchorsChangingTier());
        assertEquals(List.of("ann", "bob"), simulated.getSampleList().stream().map(TierChange::getAnchorId).toList());
        assertEquals(Tier.SEVERELY_RESTRICTED, simulated.getSample(1).getCandidateTier());

        assertEquals(1, policies.listPolicyVersions(ListPolicyVersionsRequest.getDefaultInstance()).getVersionsCount());
        assertEquals(Tier.NORMAL, anchors.getAnchor(GetAnchorRequest.newBuilder().setName("anchors/ann").build())
                .getStanding().getTier());
    }

    private static Map<Tier, Long> counts(List<TierCount> tiers) {
        return tiers.stream().collect(Collectors.toMap(TierCount::getTier, TierCount::getAnchors));
    }

    private static RecordViolationRequest violation(String requestId) {
        return RecordViolationRequest.newBuilder().setRequestId(requestId).setAnchorId("mia")
                .setViolationType("PORNOGRAPHY").setSource("moderation").build();
    }
}
