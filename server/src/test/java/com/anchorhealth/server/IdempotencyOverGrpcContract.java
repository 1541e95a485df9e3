package com.anchorhealth.server;

import com.anchorhealth.api.v1.AddGuildMemberRequest;
import com.anchorhealth.api.v1.AdjustScoreRequest;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.Appeal;
import com.anchorhealth.api.v1.BatchRecordViolationsRequest;
import com.anchorhealth.api.v1.CompleteLearningTaskRequest;
import com.anchorhealth.api.v1.CreateGuildRequest;
import com.anchorhealth.api.v1.DecideAppealRequest;
import com.anchorhealth.api.v1.FileAppealRequest;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.Guild;
import com.anchorhealth.api.v1.ListGuildEventsRequest;
import com.anchorhealth.api.v1.ListScoreEventsRequest;
import com.anchorhealth.api.v1.ListViolationsRequest;
import com.anchorhealth.api.v1.Policy;
import com.anchorhealth.api.v1.PublishPolicyRequest;
import com.anchorhealth.api.v1.RecordGuildViolationRequest;
import com.anchorhealth.api.v1.RecordGuildViolationResponse;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.RemoveGuildMemberRequest;
import com.anchorhealth.api.v1.ScoreEvent;
import com.anchorhealth.api.v1.Severity;
import com.anchorhealth.api.v1.Thresholds;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.Violation;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Message;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Retries never double-count: the same request fifty times at once is one violation and one
 * deduction, and for every mutating RPC a retry returns the first result while the same request id
 * with other content is ALREADY_EXISTS. Subclasses choose the database.
 */
abstract class IdempotencyOverGrpcContract extends OneServerContract {
    private static final int COPIES = 16;

    /** The default policy with learning-task recovery on, so that CompleteLearningTask writes. */
    static Path learningPolicy() throws IOException {
        Path file = Files.createTempFile("learning", ".json");
        Files.writeString(file, "{ \"recovery\": { \"learning_tasks\": true } }");
        return file;
    }

    @Test
    void fiftyConcurrentCopiesOfOneViolationAreOneViolationAndOneDeduction() throws Exception {
        String anchorId = registerAnchor(null);
        RecordViolationRequest request = violation(anchorId, "PORNOGRAPHY");
        ExecutorService callers = Executors.newFixedThreadPool(50);
        try {
            List<Future<Violation>> calls = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                calls.add(callers.submit(() -> violations().recordViolation(request)));
            }
            Set<String> names = new HashSet<>();
            for (Future<Violation> call : calls) {
                names.add(call.get(60, TimeUnit.SECONDS).getName());
            }
            assertEquals(1, names.size());
        } finally {
            callers.shutdownNow();
        }
        assertEquals(1, violations().listViolations(ListViolationsRequest.newBuilder()
                .setParent("anchors/" + anchorId).build()).getViolationsCount());
        assertEquals(2, anchors().listScoreEvents(ListScoreEventsRequest.newBuilder()
                .setParent("anchors/" + anchorId).build()).getScoreEventsCount(), "INITIAL and one DEDUCTION");
        assertEquals(93, anchors().getAnchor(GetAnchorRequest.newBuilder().setName("anchors/" + anchorId).build())
                .getStanding().getScore());
    }

    // A retry sent while its first call is still writing waits for it and answers as it did: these
    // methods' first calls refuse a second of their kind (an appeal filed or decided twice, a guild
    // created twice, a learning credit within its interval).

    @Test
    void copiesOfOneFileAppealSentTogetherFileOneAppealAndAnswerAlike() throws Exception {
        Violation recorded = recordViolation(registerAnchor(null), "HARASSMENT");
        answeredAlike(fileAppeal(recorded), violations()::fileAppeal);
    }

    @Test
    void copiesOfOneDecideAppealSentTogetherDecideOnceAndAnswerAlike() throws Exception {
        String anchorId = registerAnchor(null);
        Appeal appeal = violations().fileAppeal(fileAppeal(recordViolation(anchorId, "HARASSMENT")));
        answeredAlike(DecideAppealRequest.newBuilder().setRequestId(requestId()).setAppeal(appeal.getName())
                .setDecision(DecideAppealRequest.Decision.OVERTURN).build(), violations()::decideAppeal);
        assertEquals(1, scoreEvents(anchorId, ScoreEvent.Kind.RESTORATION), "one restoration");
    }

    @Test
    void copiesOfOneCompleteLearningTaskSentTogetherCreditOnceAndAnswerAlike() throws Exception {
        String anchorId = registerAnchor(null);
        recordViolation(anchorId, "HARASSMENT");
        answeredAlike(CompleteLearningTaskRequest.newBuilder().setRequestId(requestId()).setAnchorId(anchorId)
                .setTaskId("course-1").build(), anchors()::completeLearningTask);
        assertEquals(1, scoreEvents(anchorId, ScoreEvent.Kind.RECOVERY), "one credit");
    }

    @Test
    void copiesOfOneCreateGuildSentTogetherCreateOneGuildAndAnswerAlike() throws Exception {
        // A copy fails only when the first commits between its two reads: several guilds give it the chance.
        for (int i = 0; i < 20; i++) {
            String guildId = "guild-" + UUID.randomUUID();
            answeredAlike(CreateGuildRequest.newBuilder().setRequestId(requestId()).setGuildId(guildId)
                    .setDisplayName("Starlight").build(), guilds()::createGuild);
            assertEquals(1, guilds().listGuildEvents(ListGuildEventsRequest.newBuilder()
                    .setParent("guilds/" + guildId).build()).getGuildEventsCount(), "one opening");
        }
    }

    @Test
    void everyMutatingRpcAnswersARetryWithItsFirstResultAndOtherContentWithAlreadyExists() {
        String anchorId = "anchor-" + UUID.randomUUID();
        UpsertAnchorRequest upsert = UpsertAnchorRequest.newBuilder().setRequestId(requestId())
                .setAnchor(Anchor.newBuilder().setAnchorId(anchorId).setDisplayName("Mia").setLevel(2)).build();
        checkRetries(upsert, anchors()::upsertAnchor,
                r -> r.toBuilder().setAnchor(r.getAnchor().toBuilder().setLevel(3)).build());

        RecordViolationRequest record = violation(anchorId, "HARASSMENT");
        Violation recorded = checkRetries(record, violations()::recordViolation,
                r -> r.toBuilder().setViolationType("PORNOGRAPHY").build());

        BatchRecordViolationsRequest batch = BatchRecordViolationsRequest.newBuilder()
                .addRequests(violation(anchorId, "VULGAR_LANGUAGE")).build();
        checkRetries(batch, violations()::batchRecordViolations, r -> r);
        assertEquals(Status.Code.ALREADY_EXISTS.value(), violations().batchRecordViolations(
                BatchRecordViolationsRequest.newBuilder().addRequests(batch.getRequests(0).toBuilder()
                        .setViolationType("PORNOGRAPHY")).build()).getResults(0).getError().getCode(),
                "a batch item with a reused request id and other content fails on its own");

        FileAppealRequest file = FileAppealRequest.newBuilder().setRequestId(requestId())
                .setViolation(recorded.getName()).setStatement("a misunderstanding").build();
        Appeal appeal = checkRetries(file, violations()::fileAppeal, r -> r.toBuilder().setStatement("other").build());
        checkRetries(DecideAppealRequest.newBuilder().setRequestId(requestId()).setAppeal(appeal.getName())
                        .setDecision(DecideAppealRequest.Decision.OVERTURN).build(), violations()::decideAppeal,
                r -> r.toBuilder().setDecision(DecideAppealRequest.Decision.UPHOLD).build());

        checkRetries(AdjustScoreRequest.newBuilder().setRequestId(requestId()).setAnchor("anchors/" + anchorId)
                .setDelta(-3).setReason("manual review").build(), anchors()::adjustScore,
                r -> r.toBuilder().setDelta(-4).build());
        assertEquals(1, anchors().listScoreEvents(ListScoreEventsRequest.newBuilder().setParent("anchors/" + anchorId)
                .setPageSize(1000).build()).getScoreEventsList().stream()
                .filter(event -> event.getKind() == ScoreEvent.Kind.ADJUSTMENT).count(), "a retry adjusts nothing more");
        checkRetries(upsert.toBuilder().setRequestId(requestId()).setUpdateMask(FieldMask.newBuilder()
                .addPaths("fan_count")).build(), anchors()::upsertAnchor,
                r -> r.toBuilder().setUpdateMask(FieldMask.newBuilder().addPaths("level")).build());

        checkRetries(CompleteLearningTaskRequest.newBuilder().setRequestId(requestId()).setAnchorId(anchorId)
                .setTaskId("course-1").build(), anchors()::completeLearningTask,
                r -> r.toBuilder().setTaskId("course-2").build());

        String guildId = "guild-" + UUID.randomUUID();
        checkRetries(CreateGuildRequest.newBuilder().setRequestId(requestId()).setGuildId(guildId)
                .setDisplayName("Starlight").build(), guilds()::createGuild,
                r -> r.toBuilder().setDisplayName("Moonlight").build());
        checkRetries(AddGuildMemberRequest.newBuilder().setRequestId(requestId()).setGuild("guilds/" + guildId)
                .setAnchorId(anchorId).build(), guilds()::addGuildMember,
                r -> r.toBuilder().setAnchorId(registerAnchor(null)).build());
        checkRetries(RecordGuildViolationRequest.newBuilder().setRequestId(requestId()).setGuild("guilds/" + guildId)
                .setSeverity(Severity.SEVERE).setDescription("fake followers").build(),
                guilds()::recordGuildViolation, r -> r.toBuilder().setSeverity(Severity.MINOR).build());
        checkRetries(RemoveGuildMemberRequest.newBuilder().setRequestId(requestId()).setGuild("guilds/" + guildId)
                .setAnchorId(anchorId).build(), guilds()::removeGuildMember,
                r -> r.toBuilder().setAnchorId("someone-else").build());

        checkRetries(PublishPolicyRequest.newBuilder().setRequestId(requestId()).setPolicy(Policy.newBuilder()
                        .setThresholds(Thresholds.newBuilder().setRestrictedBelow(40).setSeverelyRestrictedBelow(20)
                                .setRevokedBelow(1))).build(), policies()::publishPolicy,
                r -> r.toBuilder().setPolicy(r.getPolicy().toBuilder().setWarningMargin(7)).build());
    }

    @Test
    void aRetryAfterTheResourceChangedAnswersAsTheFirstCallDid() {
        String anchorId = registerAnchor(null);
        RecordViolationRequest record = violation(anchorId, "HARASSMENT");
        Violation recorded = violations().recordViolation(record);
        FileAppealRequest file = FileAppealRequest.newBuilder().setRequestId(requestId())
                .setViolation(recorded.getName()).setStatement("a misunderstanding").build();
        Appeal filed = violations().fileAppeal(file);
        violations().decideAppeal(DecideAppealRequest.newBuilder().setRequestId(requestId())
                .setAppeal(filed.getName()).setDecision(DecideAppealRequest.Decision.OVERTURN).build());

        assertEquals(recorded, violations().recordViolation(record),
                "the violation as recorded, not as overturned since");
        assertEquals(filed, violations().fileAppeal(file), "the appeal as filed, not as decided since");

        String guildId = "guild-" + UUID.randomUUID();
        CreateGuildRequest create = CreateGuildRequest.newBuilder().setRequestId(requestId()).setGuildId(guildId)
                .setDisplayName("Starlight").build();
        Guild created = guilds().createGuild(create);
        AddGuildMemberRequest join = AddGuildMemberRequest.newBuilder().setRequestId(requestId())
                .setGuild("guilds/" + guildId).setAnchorId(anchorId).build();
        Guild joined = guilds().addGuildMember(join);
        List<RecordGuildViolationRequest> deductions = new ArrayList<>();
        List<RecordGuildViolationResponse> deducted = new ArrayList<>();
        // SEVERE costs a guild 20 points: 100, 80, 60, then removed at 40.
        for (int i = 0; i < 3; i++) {
            RecordGuildViolationRequest deduction = RecordGuildViolationRequest.newBuilder().setRequestId(requestId())
                    .setGuild("guilds/" + guildId).setSeverity(Severity.SEVERE).setDescription("fake followers")
                    .build();
            deductions.add(deduction);
            deducted.add(guilds().recordGuildViolation(deduction));
        }
        assertTrue(deducted.get(2).getRemoved(), "the third deduction removed the guild");

        assertEquals(created, guilds().createGuild(create), "the guild as created, not as removed since");
        assertEquals(joined, guilds().addGuildMember(join), "the guild as joined, with its member");
        for (int i = 0; i < deductions.size(); i++) {
            assertEquals(deducted.get(i), guilds().recordGuildViolation(deductions.get(i)),
                    "deduction " + (i + 1) + " as it was made");
        }
    }

    /**
     * Calls twice and once more with other content under the same request id: the retry answers
     * exactly as the first call did, the other content is ALREADY_EXISTS.
     */
    private static <Q extends Message, R extends Message> R checkRetries(Q request, Function<Q, R> call,
                                                                      Function<Q, Q> otherContent) {
        R first = call.apply(request);
        R retry = call.apply(request);
        assertEquals(first, retry, request.getDescriptorForType().getName() + ": a retry answers as the first call did");
        Q other = otherContent.apply(request);
        if (!other.equals(request)) {
            StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () -> call.apply(other));
            assertEquals(Status.Code.ALREADY_EXISTS, error.getStatus().getCode(),
                    request.getDescriptorForType().getName() + " with other content");
        }
        return first;
    }

    /** Sends {@value #COPIES} copies of the request at once: each succeeds with the same answer, which it returns. */
    private static <Q extends Message, R extends Message> R answeredAlike(Q request, Function<Q, R> call)
            throws Exception {
        ExecutorService callers = Executors.newFixedThreadPool(COPIES);
        try {
            List<Future<R>> calls = new ArrayList<>();
            for (int i = 0; i < COPIES; i++) {
                calls.add(callers.submit(() -> call.apply(request)));
            }
            Set<R> answers = new HashSet<>();
            for (Future<R> answer : calls) {
                answers.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, answers.size(), request.getDescriptorForType().getName() + ": every copy answers alike");
            return answers.iterator().next();
        } finally {
            callers.shutdownNow();
        }
    }

    private static FileAppealRequest fileAppeal(Violation violation) {
        return FileAppealRequest.newBuilder().setRequestId(requestId()).setViolation(violation.getName())
                .setStatement("a misunderstanding").build();
    }

    private static long scoreEvents(String anchorId, ScoreEvent.Kind kind) {
        return anchors().listScoreEvents(ListScoreEventsRequest.newBuilder().setParent("anchors/" + anchorId)
                .setPageSize(1000).build()).getScoreEventsList().stream().filter(event -> event.getKind() == kind)
                .count();
    }

    private static RecordViolationRequest violation(String anchorId, String type) {
        return RecordViolationRequest.newBuilder().setRequestId(requestId()).setAnchorId(anchorId)
                .setViolationType(type).setSource("idempotency-test").build();
    }
}
