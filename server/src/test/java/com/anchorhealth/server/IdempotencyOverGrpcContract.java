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
import com.anchorhealth.api.v1.ListScoreEventsRequest;
import com.anchorhealth.api.v1.ListViolationsRequest;
import com.anchorhealth.api.v1.Policy;
import com.anchorhealth.api.v1.PublishPolicyRequest;
import com.anchorhealth.api.v1.RecordGuildViolationRequest;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.RemoveGuildMemberRequest;
import com.anchorhealth.api.v1.ScoreEvent;
import com.anchorhealth.api.v1.Severity;
import com.anchorhealth.api.v1.Thresholds;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.Violation;
import com.google.protobuf.Descriptors.FieldDescriptor;
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
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Retries never double-count: the same request fifty times at once is one violation and one
 * deduction, and for every mutating RPC a retry returns the first result while the same request id
 * with other content is ALREADY_EXISTS. Subclasses choose the database.
 */
abstract class IdempotencyOverGrpcContract extends OneServerContract {
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

    /**
     * Calls twice and once more with other content under the same request id: the retry answers as
     * the first call did (apart from the instants a standing is evaluated at), the other content is
     * ALREADY_EXISTS.
     */
    private static <Q extends Message, R extends Message> R checkRetries(Q request, Function<Q, R> call,
                                                                      Function<Q, Q> otherContent) {
        R first = call.apply(request);
        R retry = call.apply(request);
        assertEquals(withoutEvaluationTimes(first), withoutEvaluationTimes(retry),
                request.getDescriptorForType().getName() + ": a retry answers as the first call did");
        Q other = otherContent.apply(request);
        if (!other.equals(request)) {
            StatusRuntimeException error = assertThrows(StatusRuntimeException.class, () -> call.apply(other));
            assertEquals(Status.Code.ALREADY_EXISTS, error.getStatus().getCode(),
                    request.getDescriptorForType().getName() + " with other content");
        }
        return first;
    }

    /** {@code as_of} says when a standing was evaluated, which differs between two reads of it. */
    @SuppressWarnings("unchecked")
    private static <M extends Message> M withoutEvaluationTimes(M message) {
        Message.Builder builder = message.toBuilder();
        for (FieldDescriptor field : message.getDescriptorForType().getFields()) {
            if (field.getName().equals("as_of")) {
                builder.clearField(field);
            } else if (field.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
                if (field.isRepeated()) {
                    List<Object> items = ((List<?>) message.getField(field)).stream()
                            .map(item -> (Object) withoutEvaluationTimes((Message) item))
                            .collect(Collectors.toList());
                    builder.setField(field, items);
                } else if (message.hasField(field)) {
                    builder.setField(field, withoutEvaluationTimes((Message) message.getField(field)));
                }
            }
        }
        return (M) builder.build();
    }

    private static RecordViolationRequest violation(String anchorId, String type) {
        return RecordViolationRequest.newBuilder().setRequestId(requestId()).setAnchorId(anchorId)
                .setViolationType(type).setSource("idempotency-test").build();
    }
}
