package com.anchorhealth.server;

import com.anchorhealth.api.v1.AdjustScoreRequest;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.Appeal;
import com.anchorhealth.api.v1.BatchCheckCapabilitiesRequest;
import com.anchorhealth.api.v1.BatchRecordViolationResult;
import com.anchorhealth.api.v1.BatchRecordViolationsRequest;
import com.anchorhealth.api.v1.BatchRecordViolationsResponse;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.CompleteLearningTaskRequest;
import com.anchorhealth.api.v1.DecideAppealRequest;
import com.anchorhealth.api.v1.Decision;
import com.anchorhealth.api.v1.FileAppealRequest;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.GetPolicyRequest;
import com.anchorhealth.api.v1.GetViolationRequest;
import com.anchorhealth.api.v1.ListPolicyVersionsRequest;
import com.anchorhealth.api.v1.ListPolicyVersionsResponse;
import com.anchorhealth.api.v1.ListScoreEventsRequest;
import com.anchorhealth.api.v1.ListScoreEventsResponse;
import com.anchorhealth.api.v1.ListViolationsRequest;
import com.anchorhealth.api.v1.Policy;
import com.anchorhealth.api.v1.PolicyServiceGrpc;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.ScoreEvent;
import com.anchorhealth.api.v1.Tier;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.VerifyScoresRequest;
import com.anchorhealth.api.v1.VerifyScoresResponse;
import com.anchorhealth.api.v1.Violation;
import com.google.protobuf.Timestamp;
import com.google.rpc.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.StatusProto;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static com.anchorhealth.api.v1.Capability.GIFTS;
import static com.anchorhealth.api.v1.Capability.LIVE_BROADCAST;
import static com.anchorhealth.api.v1.Capability.LIVE_RECOMMENDATION;
import static com.anchorhealth.api.v1.Capability.PK;
import static com.anchorhealth.api.v1.Capability.WITHDRAW_VIOLATION_INCOME;
import static com.anchorhealth.server.StatusAssertions.assertFieldViolation;
import static com.anchorhealth.server.StatusAssertions.assertPrecondition;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scoring core end to end over gRPC: the real wiring, a real database, typed stubs as callers use
 * them. Subclasses choose the database; each test uses anchors of its own.
 */
abstract class ScoringOverGrpcContract extends OneServerContract {
    private static final AtomicInteger REQUESTS = new AtomicInteger();

    @Test
    void capabilitiesFollowTheScoreAcrossFortyTwentyAndZero() {
        String id = registerLevelFourAnchor();
        assertEquals(100, get(id).getStanding().getScore());

        for (int i = 0; i < 7; i++) {
            record(id, "PORNOGRAPHY");                       // SEVERE at level 4: 8 points
        }
        assertEquals(44, get(id).getStanding().getScore());
        assertEquals(40, record(id, "HARASSMENT").getStandingAfter().getScore()); // MODERATE: 4 points
        assertAllowed(id, PK, true, Tier.NORMAL);                // 40 is not below 40

        assertEquals(38, record(id, "VULGAR_LANGUAGE").getStandingAfter().getScore());
        assertAllowed(id, PK, false, Tier.RESTRICTED);
        assertAllowed(id, LIVE_RECOMMENDATION, false, Tier.RESTRICTED);
        assertAllowed(id, GIFTS, true, Tier.RESTRICTED);

        record(id, "PORNOGRAPHY");
        record(id, "PORNOGRAPHY");
        assertEquals(20, record(id, "VULGAR_LANGUAGE").getStandingAfter().getScore());
        assertAllowed(id, GIFTS, true, Tier.RESTRICTED);
        assertEquals(18, record(id, "VULGAR_LANGUAGE").getStandingAfter().getScore());
        assertAllowed(id, GIFTS, false, Tier.SEVERELY_RESTRICTED);
        assertAllowed(id, LIVE_BROADCAST, true, Tier.SEVERELY_RESTRICTED);

        record(id, "PORNOGRAPHY");
        assertEquals(2, record(id, "PORNOGRAPHY").getStandingAfter().getScore());
        Violation last = record(id, "PORNOGRAPHY");
        assertEquals(8, last.getPoints());
        assertEquals(0, last.getStandingAfter().getScore(), "clamped at 0");
        assertEquals(Tier.REVOKED, last.getStandingAfter().getTier());
        assertAllowed(id, LIVE_BROADCAST, false, Tier.REVOKED);
        assertTrue(get(id).getStanding().getDeniedCapabilitiesList().contains(LIVE_BROADCAST));

        VerifyScoresResponse verified = anchors().verifyScores(VerifyScoresRequest.newBuilder().setAnchorId(id).build());
        assertEquals(1, verified.getAnchorsChecked());
        assertEquals(0, verified.getMismatchesCount());
    }

    @Test
    void aRetryReturnsTheFirstResultAndDeductsNothingMore() {
        String id = registerLevelFourAnchor();
        RecordViolationRequest request = violationRequest(id, "DANGEROUS_ACTS");
        Violation first = violations().recordViolation(request);
        Violation retry = violations().recordViolation(request);

        assertEquals(first.getName(), retry.getName());
        assertEquals(6, retry.getPoints());
        assertEquals(94, retry.getStandingAfter().getScore());
        assertEquals(94, get(id).getStanding().getScore());
        assertEquals(1, violations().listViolations(ListViolationsRequest.newBuilder()
                .setParent("anchors/" + id).build()).getViolationsCount());
    }

    @Test
    void theSameRequestIdWithOtherContentIsAlreadyExists() {
        String id = registerLevelFourAnchor();
        RecordViolationRequest request = violationRequest(id, "DANGEROUS_ACTS");
        violations().recordViolation(request);

        StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () -> violations()
                .recordViolation(request.toBuilder().setViolationType("PORNOGRAPHY").build()));
        assertEquals(Code.ALREADY_EXISTS_VALUE, StatusProto.fromThrowable(error).getCode());
        assertEquals(94, get(id).getStanding().getScore());
    }

    @Test
    void badInputIsInvalidArgumentNamingTheFieldAndWritesNothing() {
        String id = registerLevelFourAnchor();
        StatusRuntimeException badLevel = assertThrows(StatusRuntimeException.class, () -> anchors().upsertAnchor(
                UpsertAnchorRequest.newBuilder().setRequestId(nextRequestId())
                        .setAnchor(Anchor.newBuilder().setAnchorId(id).setDisplayName("Mia").setLevel(5)).build()));
        assertFieldViolation(badLevel, "anchor.level");
        assertEquals(4, get(id).getLevel());

        StatusRuntimeException unknownType = assertThrows(StatusRuntimeException.class,
                () -> violations().recordViolation(violationRequest(id, "NOT_A_TYPE")));
        assertFieldViolation(unknownType, "violation_type");

        StatusRuntimeException badCheck = assertThrows(StatusRuntimeException.class, () -> capabilities()
                .checkCapability(CheckCapabilityRequest.newBuilder().setAnchorId("no spaces").setCapability(PK).build()));
        assertFieldViolation(badCheck, "anchor_id");

        assertEquals(100, get(id).getStanding().getScore());
        assertEquals(0, violations().listViolations(ListViolationsRequest.newBuilder()
                .setParent("anchors/" + id).build()).getViolationsCount());
    }

    @Test
    void anUnknownAnchorIsAllowedAtTheInitialScoreAndCannotBeCharged() {
        String id = "never-registered-" + UUID.randomUUID();
        Decision decision = capabilities().checkCapability(
                CheckCapabilityRequest.newBuilder().setAnchorId(id).setCapability(LIVE_BROADCAST).build());
        assertTrue(decision.getAllowed());
        assertFalse(decision.getKnownAnchor());
        assertEquals(100, decision.getScore());

        StatusRuntimeException error = assertThrows(StatusRuntimeException.class,
                () -> violations().recordViolation(violationRequest(id, "PORNOGRAPHY")));
        assertEquals(Code.NOT_FOUND_VALUE, StatusProto.fromThrowable(error).getCode());
    }

    @Test
    void aBatchRecordsEachItemOnItsOwnInOrder() {
        String id = registerLevelFourAnchor();
        BatchRecordViolationsResponse response = violations().batchRecordViolations(BatchRecordViolationsRequest
                .newBuilder()
                .addRequests(violationRequest(id, "VULGAR_LANGUAGE"))
                .addRequests(violationRequest(id, "NOT_A_TYPE"))
                .addRequests(violationRequest(id, "HARASSMENT"))
                .build());

        List<BatchRecordViolationResult> results = response.getResultsList();
        assertEquals(3, results.size());
        assertEquals(2, results.get(0).getViolation().getPoints());
        assertEquals(Code.INVALID_ARGUMENT_VALUE, results.get(1).getError().getCode());
        assertEquals(4, results.get(2).getViolation().getPoints());
        assertEquals(94, get(id).getStanding().getScore());

        List<Decision> decisions = capabilities().batchCheckCapabilities(BatchCheckCapabilitiesRequest.newBuilder()
                .addChecks(CheckCapabilityRequest.newBuilder().setAnchorId(id).setCapability(PK))
                .addChecks(CheckCapabilityRequest.newBuilder().setAnchorId(id).setCapability(Capability.TRAFFIC_SUPPORT))
                .build()).getDecisionsList();
        assertTrue(decisions.get(0).getAllowed());
        assertFalse(decisions.get(1).getAllowed(), "traffic support needs the full initial score");
    }

    /**
     * A heavy offender: 700 violations, each in a session of its own with a 120-character id, all
     * held (within the settlement window). Every call is answered, and once the anchor is severely
     * restricted the income of any of those sessions stays frozen while a session without a violation
     * stays withdrawable.
     */
    @Test
    void anAnchorWithSevenHundredHeldSessionsIsAnsweredOnEveryCallAndEveryCheck() {
        String id = registerLevelFourAnchor();
        List<String> sessions = new ArrayList<>();
        for (int batch = 0; batch < 7; batch++) {
            BatchRecordViolationsRequest.Builder request = BatchRecordViolationsRequest.newBuilder();
            for (int i = 0; i < 100; i++) {
                String session = "live-" + (batch * 100 + i) + "-" + "s".repeat(100) + "-" + UUID.randomUUID();
                sessions.add(session.substring(0, 120));
                request.addRequests(violationRequest(id, "VULGAR_LANGUAGE").toBuilder()
                        .setLiveSessionId(sessions.get(sessions.size() - 1)));
            }
            List<BatchRecordViolationResult> results = violations().batchRecordViolations(request.build())
                    .getResultsList();
            for (BatchRecordViolationResult result : results) {
                assertTrue(result.hasViolation(), "batch " + batch + ": " + result.getError());
            }
        }
        Violation single = violations().recordViolation(violationRequest(id, "VULGAR_LANGUAGE").toBuilder()
                .setLiveSessionId(sessions.get(0)).build());
        assertEquals(0, single.getStandingAfter().getScore());
        assertEquals(10, anchors().adjustScore(AdjustScoreRequest.newBuilder().setRequestId(nextRequestId())
                .setAnchor("anchors/" + id).setDelta(10).setReason("back to severe restriction").build())
                .getStanding().getScore());

        List<Decision> withdrawals = capabilities().batchCheckCapabilities(BatchCheckCapabilitiesRequest.newBuilder()
                .addChecks(withdraw(id, sessions.get(1)))                      // among the oldest
                .addChecks(withdraw(id, sessions.get(350)))
                .addChecks(withdraw(id, sessions.get(699)))                    // the newest
                .addChecks(withdraw(id, "live-without-a-violation"))
                .build()).getDecisionsList();
        assertEquals(List.of(false, false, false, true), withdrawals.stream().map(Decision::getAllowed).toList());
        assertEquals(Tier.SEVERELY_RESTRICTED, withdrawals.get(0).getTier());
        assertEquals(Decision.Reason.SESSION_HAS_VIOLATION, withdrawals.get(0).getReason());
        assertEquals(Decision.Reason.SESSION_WITHOUT_VIOLATION, withdrawals.get(3).getReason());
        Decision oldest = capabilities().checkCapability(withdraw(id, sessions.get(0)).build());
        assertFalse(oldest.getAllowed());
        assertEquals(Decision.Reason.SESSION_HAS_VIOLATION, oldest.getReason());
        assertTrue(capabilities().checkCapability(withdraw(id, "live-" + UUID.randomUUID()).build()).getAllowed());
    }

    private static CheckCapabilityRequest.Builder withdraw(String anchorId, String session) {
        return CheckCapabilityRequest.newBuilder().setAnchorId(anchorId).setCapability(WITHDRAW_VIOLATION_INCOME)
                .setLiveSessionId(session);
    }

    /** Ids compare byte for byte on every store: 'MIA' is not 'mia'. */
    @Test
    void idsThatDifferOnlyInCaseAreDifferentAnchors() {
        String lower = "case-" + UUID.randomUUID();
        String upper = lower.toUpperCase(java.util.Locale.ROOT);
        for (String id : List.of(lower, upper)) {
            anchors().upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId(nextRequestId())
                    .setAnchor(Anchor.newBuilder().setAnchorId(id).setDisplayName(id).setLevel(4)).build());
        }
        record(upper, "HARASSMENT");
        assertEquals(upper, get(upper).getDisplayName());
        assertEquals(lower, get(lower).getDisplayName());
        assertEquals(100, get(lower).getStanding().getScore());
        assertTrue(get(upper).getStanding().getScore() < 100);
        assertTrue(capabilities().checkCapability(CheckCapabilityRequest.newBuilder().setAnchorId(upper)
                .setCapability(PK).build()).getKnownAnchor());
    }

    /**
     * Tokens in the shape the service once issued (version, query digest, key), with a key that is no
     * number where the ledger and the policy versions read one: refused naming the field, not INTERNAL.
     */
    @Test
    void aCraftedPageTokenIsInvalidArgumentNamingPageToken() {
        String id = registerLevelFourAnchor();
        String parent = "anchors/" + id;
        for (String inside : List.of("x", "99999999999999999999", "1\n2026-01-01T00:00:00Z INFO forged")) {
            StatusRuntimeException ledger = assertThrows(StatusRuntimeException.class,
                    () -> anchors().listScoreEvents(ListScoreEventsRequest.newBuilder().setParent(parent)
                            .setPageToken(craftedToken(parent, inside)).build()));
            assertFieldViolation(ledger, "page_token");
            StatusRuntimeException versions = assertThrows(StatusRuntimeException.class,
                    () -> policies().listPolicyVersions(ListPolicyVersionsRequest.newBuilder()
                            .setPageToken(craftedToken("policies", inside)).build()));
            assertFieldViolation(versions, "page_token");
        }
    }

    @Test
    void aPageTokenOfAnotherListOfTheSameParentIsInvalidArgument() {
        String id = registerLevelFourAnchor();
        record(id, "VULGAR_LANGUAGE");
        record(id, "HARASSMENT");
        String parent = "anchors/" + id;
        String violationsToken = violations().listViolations(ListViolationsRequest.newBuilder().setParent(parent)
                .setPageSize(1).build()).getNextPageToken();
        String ledgerToken = anchors().listScoreEvents(ListScoreEventsRequest.newBuilder().setParent(parent)
                .setPageSize(1).build()).getNextPageToken();

        assertFieldViolation(assertThrows(StatusRuntimeException.class, () -> anchors().listScoreEvents(
                ListScoreEventsRequest.newBuilder().setParent(parent).setPageToken(violationsToken).build())),
                "page_token");
        assertFieldViolation(assertThrows(StatusRuntimeException.class, () -> violations().listViolations(
                ListViolationsRequest.newBuilder().setParent(parent).setPageToken(ledgerToken).build())),
                "page_token");
    }

    private static String craftedToken(String query, String after) {
        String payload = "v1\n" + Integer.toHexString(query.hashCode()) + "\n" + after;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theLedgerIsTheAuditTrailAndAsOfReplaysIt() throws InterruptedException {
        String id = registerLevelFourAnchor();
        Timestamp beforeViolations = get(id).getUpdateTime();
        Thread.sleep(5);
        record(id, "VULGAR_LANGUAGE");
        record(id, "HARASSMENT");

        ListScoreEventsResponse firstPage = anchors().listScoreEvents(ListScoreEventsRequest.newBuilder()
                .setParent("anchors/" + id).setPageSize(2).build());
        assertEquals(List.of(ScoreEvent.Kind.INITIAL, ScoreEvent.Kind.DEDUCTION),
                firstPage.getScoreEventsList().stream().map(ScoreEvent::getKind).toList());
        ListScoreEventsResponse secondPage = anchors().listScoreEvents(ListScoreEventsRequest.newBuilder()
                .setParent("anchors/" + id).setPageSize(2).setPageToken(firstPage.getNextPageToken()).build());
        assertEquals(1, secondPage.getScoreEventsCount());
        assertEquals(94, secondPage.getScoreEvents(0).getScoreAfter());
        assertEquals("", secondPage.getNextPageToken());

        Anchor past = anchors().getAnchor(GetAnchorRequest.newBuilder().setName("anchors/" + id)
                .setAsOf(beforeViolations).build());
        assertEquals(100, past.getStanding().getScore());
        assertEquals(94, get(id).getStanding().getScore());
    }

    @Test
    void concurrentViolationsOfOneAnchorAreAllCountedAndConcurrentRetriesOnce() throws Exception {
        String id = registerLevelFourAnchor();
        RecordViolationRequest retried = violationRequest(id, "HARASSMENT");
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Violation>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(callers.submit(() -> record(id, "VULGAR_LANGUAGE")));   // 2 points each
                calls.add(callers.submit(() -> violations().recordViolation(retried)));  // 4 points, once
            }
            Set<String> retriedNames = new HashSet<>();
            for (int i = 0; i < calls.size(); i++) {
                Violation violation = calls.get(i).get(60, TimeUnit.SECONDS);
                if (i % 2 == 1) {
                    retriedNames.add(violation.getName());
                }
            }
            assertEquals(1, retriedNames.size(), "every retry returned the first violation");
        } finally {
            callers.shutdownNow();
        }
        assertEquals(100 - 16 * 2 - 4, get(id).getStanding().getScore());
        assertEquals(17, violations().listViolations(ListViolationsRequest.newBuilder()
                .setParent("anchors/" + id).setPageSize(100).build()).getViolationsCount());
        assertEquals(0, anchors().verifyScores(VerifyScoresRequest.newBuilder().setAnchorId(id).build())
                .getMismatchesCount());
    }

    @Test
    void thePolicyInForceIsPublishedAsData() {
        PolicyServiceGrpc.PolicyServiceBlockingStub policies = policies();
        Policy inForce = policies.getPolicy(GetPolicyRequest.getDefaultInstance());
        assertEquals(1, inForce.getVersion());
        assertEquals("policies/1", inForce.getName());
        assertEquals(40, inForce.getThresholds().getRestrictedBelow());
        assertEquals(120, inForce.getCertifiedInitialScore());
        assertTrue(inForce.getViolationTypesCount() >= 10);
        assertEquals(inForce, policies.getPolicy(GetPolicyRequest.newBuilder().setVersion(1).build()));

        ListPolicyVersionsResponse versions = policies.listPolicyVersions(ListPolicyVersionsRequest.getDefaultInstance());
        assertEquals(1, versions.getVersionsCount());
        assertTrue(versions.getVersions(0).getInForce());

        StatusRuntimeException missing = assertThrows(StatusRuntimeException.class,
                () -> policies.getPolicy(GetPolicyRequest.newBuilder().setVersion(99).build()));
        assertEquals(Code.NOT_FOUND_VALUE, StatusProto.fromThrowable(missing).getCode());
    }

    @Test
    void anOverturnedAppealReplaysTheScoreEvenWhereTheClampTookPart() {
        String id = registerLevelFourAnchor();
        Violation first = record(id, "PORNOGRAPHY");
        for (int i = 0; i < 11; i++) {
            record(id, "PORNOGRAPHY");
        }
        assertEquals(4, get(id).getStanding().getScore());
        assertEquals(0, record(id, "PORNOGRAPHY").getStandingAfter().getScore(), "8 points, 4 of them clamped");

        Appeal filed = violations().fileAppeal(FileAppealRequest.newBuilder().setRequestId(nextRequestId())
                .setViolation(first.getName()).setStatement("that was a film clip").build());
        assertEquals(Appeal.State.PENDING, filed.getState());
        assertEquals(first.getName() + "/appeal", filed.getName());
        assertPrecondition(() -> violations().fileAppeal(FileAppealRequest.newBuilder()
                .setRequestId(nextRequestId()).setViolation(first.getName()).setStatement("again").build()),
                "ALREADY_APPEALED");

        DecideAppealRequest overturn = DecideAppealRequest.newBuilder().setRequestId(nextRequestId())
                .setAppeal(filed.getName()).setDecision(DecideAppealRequest.Decision.OVERTURN)
                .setNote("licensed film clip").build();
        Appeal decided = violations().decideAppeal(overturn);
        assertEquals(Appeal.State.OVERTURNED, decided.getState());
        assertEquals(4, decided.getStandingAfter().getScore(), "100 - 12 x 8, not 0 + 8");
        Appeal retried = violations().decideAppeal(overturn);
        assertEquals(decided.toBuilder().clearStandingAfter().build(), retried.toBuilder().clearStandingAfter().build(),
                "a retry returns the first result");
        assertEquals(4, retried.getStandingAfter().getScore(), "and restores nothing more");
        assertPrecondition(() -> violations().decideAppeal(overturn.toBuilder().setRequestId(nextRequestId())
                .setDecision(DecideAppealRequest.Decision.UPHOLD).build()), "APPEAL_ALREADY_DECIDED");

        assertEquals(4, get(id).getStanding().getScore());
        assertEquals(Violation.State.OVERTURNED, violations().getViolation(GetViolationRequest.newBuilder()
                .setName(first.getName()).build()).getState());
        List<ScoreEvent> ledger = anchors().listScoreEvents(ListScoreEventsRequest.newBuilder()
                .setParent("anchors/" + id).setPageSize(100).build()).getScoreEventsList();
        ScoreEvent restoration = ledger.get(ledger.size() - 1);
        assertEquals(ScoreEvent.Kind.RESTORATION, restoration.getKind());
        assertEquals(4, restoration.getDelta());
        assertAllowed(id, LIVE_BROADCAST, true, Tier.SEVERELY_RESTRICTED);
        assertEquals(0, anchors().verifyScores(VerifyScoresRequest.newBuilder().setAnchorId(id).build())
                .getMismatchesCount());
    }

    @Test
    void learningTasksEarnNothingUnderTheDefaultPolicy() {
        String id = registerLevelFourAnchor();
        record(id, "PORNOGRAPHY");
        assertPrecondition(() -> anchors().completeLearningTask(CompleteLearningTaskRequest.newBuilder()
                .setRequestId(nextRequestId()).setAnchorId(id).setTaskId("course-1").build()),
                "LEARNING_RECOVERY_OFF");
        assertFieldViolation(assertThrows(StatusRuntimeException.class, () -> anchors().completeLearningTask(
                CompleteLearningTaskRequest.newBuilder().setRequestId(nextRequestId()).setAnchorId(id).build())),
                "task_id");
        assertEquals(92, get(id).getStanding().getScore());
    }

    @Test
    void healthCheckingIsServed() {
        HealthCheckResponse health = HealthGrpc.newBlockingStub(server.channel())
                .check(HealthCheckRequest.getDefaultInstance());
        assertEquals(HealthCheckResponse.ServingStatus.SERVING, health.getStatus());
    }

    private String registerLevelFourAnchor() {
        String id = "anchor-" + UUID.randomUUID();
        anchors().upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId(nextRequestId())
                .setAnchor(Anchor.newBuilder().setAnchorId(id).setDisplayName("Mia").setLevel(4)
                        .setFanCount(1_000).setAverageViewers(50))
                .build());
        return id;
    }

    private Anchor get(String id) {
        return anchors().getAnchor(GetAnchorRequest.newBuilder().setName("anchors/" + id).build());
    }

    private Violation record(String id, String type) {
        return violations().recordViolation(violationRequest(id, type));
    }

    private static RecordViolationRequest violationRequest(String id, String type) {
        return RecordViolationRequest.newBuilder().setRequestId(nextRequestId()).setAnchorId(id)
                .setViolationType(type).setSource("moderation-test").addEvidenceRefs("clip://1").build();
    }

    private static String nextRequestId() {
        return "req-" + UUID.randomUUID() + "-" + REQUESTS.incrementAndGet();
    }

    private void assertAllowed(String id, Capability capability, boolean allowed, Tier tier) {
        Decision decision = capabilities().checkCapability(
                CheckCapabilityRequest.newBuilder().setAnchorId(id).setCapability(capability).build());
        assertEquals(allowed, decision.getAllowed(), capability + " at " + decision.getScore());
        assertTrue(decision.getEnforced());
        assertTrue(decision.getKnownAnchor());
        assertEquals(tier, decision.getTier());
    }
}
