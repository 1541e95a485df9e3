package com.anchorhealth.server;

import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.CompleteLearningTaskRequest;
import com.anchorhealth.api.v1.Decision;
import com.anchorhealth.api.v1.ListScoreEventsRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.ScoreEvent;
import com.anchorhealth.api.v1.Tier;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.Violation;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code --policy FILE}: the file becomes version 1 and its numbers decide. */
class PolicyFileTest {

    @Test
    void thePolicyFileDecidesTheThresholds(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("strict.json"), """
                { "thresholds": { "restricted_below": 90, "severely_restricted_below": 50, "revoked_below": 1 } }""");
        try (RunningServer server = RunningServer.start(h2(), "sa", "", Optional.of(file))) {
            AnchorServiceGrpc.newBlockingStub(server.channel()).upsertAnchor(UpsertAnchorRequest.newBuilder()
                    .setRequestId("reg-1")
                    .setAnchor(Anchor.newBuilder().setAnchorId("mia").setDisplayName("Mia").setLevel(4)).build());
            var violations = ViolationServiceGrpc.newBlockingStub(server.channel());
            Violation first = violations.recordViolation(violation("v-1"));
            assertEquals(92, first.getStandingAfter().getScore());
            assertEquals(Tier.NORMAL, first.getStandingAfter().getTier());
            assertEquals(1, first.getPolicyVersion());

            Violation second = violations.recordViolation(violation("v-2"));
            assertEquals(84, second.getStandingAfter().getScore());
            assertEquals(Tier.RESTRICTED, second.getStandingAfter().getTier(), "84 is below 90 under this policy");
            Decision pk = CapabilityServiceGrpc.newBlockingStub(server.channel()).checkCapability(
                    CheckCapabilityRequest.newBuilder().setAnchorId("mia").setCapability(Capability.PK).build());
            assertFalse(pk.getAllowed());
        }
    }

    @Test
    void learningTasksRecoverWhereThePolicyFileGrantsIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("learning.json"), """
                { "recovery": { "learning_tasks": true } }""");
        try (RunningServer server = RunningServer.start(h2(), "sa", "", Optional.of(file))) {
            var anchors = AnchorServiceGrpc.newBlockingStub(server.channel());
            anchors.upsertAnchor(UpsertAnchorRequest.newBuilder().setRequestId("reg-1")
                    .setAnchor(Anchor.newBuilder().setAnchorId("mia").setDisplayName("Mia").setLevel(4)).build());
            ViolationServiceGrpc.newBlockingStub(server.channel()).recordViolation(violation("v-1"));
            CompleteLearningTaskRequest task = CompleteLearningTaskRequest.newBuilder().setRequestId("learn-1")
                    .setAnchorId("mia").setTaskId("course-7").build();
            assertEquals(93, anchors.completeLearningTask(task).getStanding().getScore());
            assertEquals(93, anchors.completeLearningTask(task).getStanding().getScore(), "a retry adds nothing");
            StatusAssertions.assertPrecondition(() -> anchors.completeLearningTask(task.toBuilder()
                    .setRequestId("learn-2").setTaskId("course-8").build()), "LEARNING_CREDIT_TOO_SOON");
            List<ScoreEvent> ledger = anchors.listScoreEvents(ListScoreEventsRequest.newBuilder()
                    .setParent("anchors/mia").build()).getScoreEventsList();
            assertEquals(ScoreEvent.Kind.RECOVERY, ledger.get(ledger.size() - 1).getKind());
        }
    }

    @Test
    void anInvalidPolicyFileStopsTheStartWithTheFieldsAtFault(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), """
                { "thresholds": { "restricted_below": 20, "severely_restricted_below": 40, "revoked_below": 1 } }""");
        SettingsException error = assertThrows(SettingsException.class,
                () -> RunningServer.start(h2(), "sa", "", Optional.of(file)));
        assertTrue(error.getMessage().contains("thresholds.restricted_below"), error.getMessage());
    }

    @Test
    void aPolicyFileGivenToAStoreWithVersionsIsSaidToBeIgnoredWithWhatToDoInstead(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("strict.json"), """
                { "thresholds": { "restricted_below": 90, "severely_restricted_below": 50, "revoked_below": 1 } }""");
        String database = h2();
        RunningServer.start(database, "sa", "", Optional.empty()).close();
        List<String> warnings = new ArrayList<>();
        Logger log = Logger.getLogger(AnchorHealthServer.class.getName());
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    warnings.add(record.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(capture);
        try (RunningServer server = RunningServer.start(database, "sa", "", Optional.of(file))) {
            assertEquals(List.of(AnchorHealthServer.ignoredPolicyFile(file, 1)), warnings);
            assertTrue(warnings.get(0).contains("PublishPolicy") && !warnings.get(0).contains("\n"));
        } finally {
            log.removeHandler(capture);
        }
    }

    private static String h2() {
        return "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    private static RecordViolationRequest violation(String requestId) {
        return RecordViolationRequest.newBuilder().setRequestId(requestId).setAnchorId("mia")
                .setViolationType("PORNOGRAPHY").setSource("moderation").build();
    }
}
