package com.anchorhealth.server;

import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.Decision;
import com.anchorhealth.api.v1.GetPolicyRequest;
import com.anchorhealth.api.v1.Policy;
import com.anchorhealth.api.v1.PolicyServiceGrpc;
import com.anchorhealth.api.v1.PublishPolicyRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.api.v1.ThresholdWarning;
import com.anchorhealth.api.v1.Tier;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.Violation;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import static com.anchorhealth.server.StatusAssertions.assertFieldViolation;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The change feed end to end over gRPC: two server instances on one database, as behind a load
 * balancer. Subclasses choose the database.
 */
abstract class ChangeFeedOverGrpcContract {
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    static RunningServer first;
    static RunningServer second;

    static void startTwoServers(String databaseUrl, String user, String password) throws IOException {
        first = RunningServer.start(databaseUrl, user, password, Optional.empty());
        second = RunningServer.start(databaseUrl, user, password, Optional.empty());
    }

    @AfterAll
    static void stopServers() throws InterruptedException {
        for (RunningServer server : new RunningServer[] {first, second}) {
            if (server != null) {
                server.close();
            }
        }
        first = null;
        second = null;
    }

    @Test
    void aViolationRecordedThroughOneServerReachesTheOthersChecksWithinOneSecond() {
        String id = register(first);
        awaitDecision(second, id, Decision::getKnownAnchor, PATIENCE, "the registration reaches the second server");

        long recordedAt = System.nanoTime();
        Violation violation = record(first, id, "PORNOGRAPHY");
        assertEquals(92, violation.getStandingAfter().getScore());
        Decision decision = awaitDecision(second, id, seen -> seen.getScore() == 92, Duration.ofSeconds(1),
                "the violation reaches it");
        Duration took = Duration.ofNanos(System.nanoTime() - recordedAt);

        assertTrue(took.compareTo(Duration.ofSeconds(1)) < 0, "took " + took);
        assertFalse(decision.getAllowed(), "traffic support needs a clean record");
    }

    /**
     * At 0 a violation changes neither score nor tier, yet it freezes its session's income and may
     * revoke selling: the other server must learn that too, from the feed.
     */
    @Test
    void aViolationThatLeavesTheScoreAtZeroStillReachesTheOthersSessionAndSellingChecks() {
        String id = register(first);
        for (int i = 0; i < 13; i++) {
            record(first, id, "PORNOGRAPHY");
        }
        awaitDecision(second, id, seen -> seen.getScore() == 0, PATIENCE, "the score of 0 reaches the second server");

        RecordViolationRequest inSession = RecordViolationRequest.newBuilder().setRequestId("req-" + UUID.randomUUID())
                .setAnchorId(id).setViolationType("COUNTERFEIT_GOODS").setLiveSessionId("live-late")
                .setSource("moderation-test").build();
        assertEquals(0, ViolationServiceGrpc.newBlockingStub(first.channel()).recordViolation(inSession)
                .getStandingAfter().getScore());

        awaitDecision(second, id, Capability.WITHDRAW_VIOLATION_INCOME, "live-late", seen -> !seen.getAllowed(),
                Duration.ofSeconds(1), "the session's violation reaches it");
        awaitDecision(second, id, Capability.ECOMMERCE_SELLING, "", seen -> !seen.getAllowed(),
                Duration.ofSeconds(1), "the selling revocation reaches it");
    }

    @Test
    void aPolicyPublishedThroughOneServerIsInForceOnTheOtherWithinSeconds() throws InterruptedException {
        Policy published = PolicyServiceGrpc.newBlockingStub(first.channel()).publishPolicy(PublishPolicyRequest
                .newBuilder().setRequestId("publish-" + UUID.randomUUID()).setPolicy(Policy.newBuilder()
                        .setAppealWindowDays(31)).build());   // changes nothing the other tests see
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        Policy inForce;
        do {
            Thread.sleep(100);
            inForce = PolicyServiceGrpc.newBlockingStub(second.channel()).getPolicy(GetPolicyRequest
                    .getDefaultInstance());
        } while (inForce.getVersion() != published.getVersion() && System.nanoTime() < deadline);
        assertEquals(published.getVersion(), inForce.getVersion(), "the second server follows within seconds");
        assertEquals(31, inForce.getAppealWindowDays());
    }

    @Test
    void aResumedWatchGetsExactlyTheRestInOrderOnEitherServer() {
        int violations = 7;
        int readBeforeCancel = 3;
        String id;
        List<Violation> recorded = new ArrayList<>();
        List<StandingChange> seen = new ArrayList<>();
        try (Watch watch = Watch.open(first.channel(), "")) {
            StandingChange registration = watch.awaitOneOf(() -> register(first));
            assertEquals(StandingChange.Cause.ANCHOR_REGISTERED, registration.getCause());
            id = registration.getAnchorId();
            for (int i = 0; i < violations; i++) {
                recorded.add(record(first, id, "PORNOGRAPHY"));                // 8 points at level 4
            }
            seen.addAll(watch.nextOf(id, readBeforeCancel, PATIENCE));
        }
        try (Watch resumed = Watch.open(second.channel(), seen.get(readBeforeCancel - 1).getCursor())) {
            seen.addAll(resumed.nextOf(id, violations - readBeforeCancel, PATIENCE));
            Optional<StandingChange> extra = resumed.poll(Duration.ofMillis(500));
            assertTrue(extra.isEmpty() || !extra.get().getAnchorId().equals(id), "nothing more: " + extra);
        }

        assertEquals(recorded.stream().map(Violation::getName).toList(),
                seen.stream().map(StandingChange::getViolation).toList(), "every violation once, in order");
        assertEquals(recorded.stream().map(v -> v.getStandingAfter().getScore()).toList(),
                seen.stream().map(StandingChange::getNewScore).toList());
        assertEquals(violations, new HashSet<>(seen.stream().map(StandingChange::getCursor).toList()).size());
        StandingChange last = seen.get(violations - 1);
        assertEquals(52, last.getOldScore());
        assertEquals(44, last.getNewScore());
        assertEquals(ThresholdWarning.newBuilder().setNextTierDown(Tier.RESTRICTED).setThreshold(40)
                .setPointsToNextThreshold(4).build(), last.getWarning(), "within 5 points above 40");
        assertFalse(seen.get(violations - 2).hasWarning(), "52 is not");
        assertEquals(StandingChange.Cause.VIOLATION_RECORDED, last.getCause());
    }

    @Test
    void anEmptyCursorStartsWithTheChangesCommittedAfterTheWatchBegan() {
        String id = register(first);
        int beforeWatch = record(first, id, "VULGAR_LANGUAGE").getStandingAfter().getScore();
        try (Watch watch = Watch.open(first.channel(), "")) {
            StandingChange change = watch.awaitOneOf(() -> record(first, id, "VULGAR_LANGUAGE").getAnchorId());
            assertTrue(change.getOldScore() <= beforeWatch,
                    "not the registration nor the first violation, committed before the watch: " + change);
        }
    }

    @Test
    void aCursorThisServiceDidNotIssueIsInvalidArgumentNamingTheField() {
        try (Watch watch = Watch.open(first.channel(), "not-a-cursor")) {
            assertFieldViolation(watch.error(PATIENCE), "after_cursor");
        }
    }

    private static String register(RunningServer server) {
        String id = "anchor-" + UUID.randomUUID();
        AnchorServiceGrpc.newBlockingStub(server.channel()).upsertAnchor(UpsertAnchorRequest.newBuilder()
                .setRequestId("req-" + UUID.randomUUID())
                .setAnchor(Anchor.newBuilder().setAnchorId(id).setDisplayName("Mia").setLevel(4)).build());
        return id;
    }

    private static Violation record(RunningServer server, String id, String type) {
        return ViolationServiceGrpc.newBlockingStub(server.channel()).recordViolation(RecordViolationRequest
                .newBuilder().setRequestId("req-" + UUID.randomUUID()).setAnchorId(id).setViolationType(type)
                .setSource("moderation-test").build());
    }

    /** Polls the server's check of traffic support (which any violation denies) until it satisfies the wish. */
    private static Decision awaitDecision(RunningServer server, String id, Predicate<Decision> wish, Duration timeout,
                                          String what) {
        return awaitDecision(server, id, Capability.TRAFFIC_SUPPORT, "", wish, timeout, what);
    }

    private static Decision awaitDecision(RunningServer server, String id, Capability capability, String session,
                                          Predicate<Decision> wish, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CapabilityServiceGrpc.CapabilityServiceBlockingStub checks = CapabilityServiceGrpc.newBlockingStub(
                server.channel());
        while (true) {
            Decision decision = checks.checkCapability(CheckCapabilityRequest.newBuilder().setAnchorId(id)
                    .setCapability(capability).setLiveSessionId(session).build());
            if (wish.test(decision)) {
                return decision;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(what + " within " + timeout + "; the check still says " + decision);
            }
            sleep(Duration.ofMillis(20));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
