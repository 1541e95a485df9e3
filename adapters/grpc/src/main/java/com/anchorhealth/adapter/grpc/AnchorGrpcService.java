package com.anchorhealth.adapter.grpc;

import com.anchorhealth.adapter.access.MethodRoles;
import com.anchorhealth.api.v1.AdjustScoreRequest;
import com.anchorhealth.api.v1.Anchor;
import com.anchorhealth.api.v1.AnchorServiceGrpc;
import com.anchorhealth.api.v1.CompleteLearningTaskRequest;
import com.anchorhealth.api.v1.GetAnchorRequest;
import com.anchorhealth.api.v1.ListAnchorsRequest;
import com.anchorhealth.api.v1.ListAnchorsResponse;
import com.anchorhealth.api.v1.ListScoreEventsRequest;
import com.anchorhealth.api.v1.ListScoreEventsResponse;
import com.anchorhealth.api.v1.ScoreMismatch;
import com.anchorhealth.api.v1.UpsertAnchorRequest;
import com.anchorhealth.api.v1.VerifyScoresRequest;
import com.anchorhealth.api.v1.VerifyScoresResponse;
import com.anchorhealth.application.anchor.AdjustScore;
import com.anchorhealth.application.anchor.AdjustScoreCommand;
import com.anchorhealth.application.anchor.AnchorView;
import com.anchorhealth.application.anchor.GetAnchor;
import com.anchorhealth.application.anchor.ListAnchors;
import com.anchorhealth.application.anchor.ListScoreEvents;
import com.anchorhealth.application.anchor.ProfileField;
import com.anchorhealth.application.anchor.UpsertAnchor;
import com.anchorhealth.application.anchor.UpsertAnchorCommand;
import com.anchorhealth.application.anchor.VerifyScores;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.recovery.CompleteLearningTask;
import com.anchorhealth.application.recovery.LearningTaskCommand;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Certification;
import io.grpc.stub.StreamObserver;

import java.util.Optional;
import java.util.Set;

/** AnchorService: registration, standings, the audit trail, manual adjustments and score verification. */
public final class AnchorGrpcService extends AnchorServiceGrpc.AnchorServiceImplBase {
    private final UpsertAnchor upsertAnchor;
    private final AdjustScore adjustScore;
    private final GetAnchor getAnchor;
    private final ListAnchors listAnchors;
    private final ListScoreEvents listScoreEvents;
    private final VerifyScores verifyScores;
    private final CompleteLearningTask completeLearningTask;
    private final PageTokens pageTokens;

    public AnchorGrpcService(UpsertAnchor upsertAnchor, AdjustScore adjustScore, GetAnchor getAnchor,
                             ListAnchors listAnchors, ListScoreEvents listScoreEvents, VerifyScores verifyScores,
                             CompleteLearningTask completeLearningTask, PageTokens pageTokens) {
        this.upsertAnchor = upsertAnchor;
        this.adjustScore = adjustScore;
        this.getAnchor = getAnchor;
        this.listAnchors = listAnchors;
        this.listScoreEvents = listScoreEvents;
        this.verifyScores = verifyScores;
        this.completeLearningTask = completeLearningTask;
        this.pageTokens = pageTokens;
    }

    @Override
    public void completeLearningTask(CompleteLearningTaskRequest request, StreamObserver<Anchor> observer) {
        GrpcErrors.respondWhenDone(observer, () -> completeLearningTask.complete(LearningTaskCommand.of(
                request.getRequestId(), request.getAnchorId(), request.getTaskId()), Callers.actor(),
                CallDeadlines.current()), Messages::anchor);
    }

    /**
     * A caller whose role may not write a field it sends (the membership is the guild calls', the rest
     * of the profile not a guild manager's) is refused before anything is read or written.
     */
    @Override
    public void upsertAnchor(UpsertAnchorRequest request, StreamObserver<Anchor> observer) {
        GrpcErrors.respondWhenDone(observer, () -> {
            Anchor anchor = request.getAnchor();
            Optional<Set<ProfileField>> mask = ProfileMask.parse(request.getUpdateMask());
            UpsertAnchorCommand command = mask.isEmpty()
                    ? UpsertAnchorCommand.of(request.getRequestId(), anchor.getAnchorId(), anchor.getDisplayName(),
                    certification(anchor), anchor.getLevel(), anchor.getFanCount(), anchor.getAverageViewers(),
                    anchor.getGuildId())
                    : UpsertAnchorCommand.masked(request.getRequestId(), anchor.getAnchorId(), anchor.getDisplayName(),
                    certification(anchor), anchor.getLevel(), anchor.getFanCount(), anchor.getAverageViewers(),
                    anchor.getGuildId(), mask.get());
            if (command.writesMembership()) {
                Callers.requireRoleToWrite(MethodRoles.UPSERT_ANCHOR, MethodRoles.GUILD_ID_FIELD);
            }
            command.writtenProfileFields().forEach(field -> Callers.requireRoleToWrite(MethodRoles.UPSERT_ANCHOR, field));
            return upsertAnchor.upsert(command, Callers.current(), CallDeadlines.current());
        }, Messages::anchor);
    }

    @Override
    public void adjustScore(AdjustScoreRequest request, StreamObserver<Anchor> observer) {
        GrpcErrors.respondWhenDone(observer, () -> adjustScore.adjust(AdjustScoreCommand.of(
                request.getRequestId(), Requests.anchorName(request.getAnchor(), "anchor"), request.getDelta(),
                request.getReason()), Callers.actor(), CallDeadlines.current()), Messages::anchor);
    }

    @Override
    public void getAnchor(GetAnchorRequest request, StreamObserver<Anchor> observer) {
        GrpcErrors.respond(observer, () -> Messages.anchor(getAnchor.get(Callers.scope(),
                Requests.anchorName(request.getName(), "name"),
                Requests.instant(request.hasAsOf(), request.getAsOf(), "as_of"))));
    }

    @Override
    public void listAnchors(ListAnchorsRequest request, StreamObserver<ListAnchorsResponse> observer) {
        GrpcErrors.respond(observer, () -> {
            AnchorListFilter filter = AnchorListFilter.parse(request.getFilter());
            String query = "anchors?" + request.getFilter();
            PageRequest page = pageTokens.pageRequest(request.getPageSize(), request.getPageToken(), query);
            Page<AnchorView> found = listAnchors.list(Callers.scope(), filter.tier(), filter.guildId(), page);
            return ListAnchorsResponse.newBuilder()
                    .addAllAnchors(found.items().stream().map(Messages::anchor).toList())
                    .setNextPageToken(pageTokens.nextToken(found, query))
                    .build();
        });
    }

    @Override
    public void listScoreEvents(ListScoreEventsRequest request, StreamObserver<ListScoreEventsResponse> observer) {
        GrpcErrors.respond(observer, () -> {
            AnchorId anchorId = Requests.anchorName(request.getParent(), "parent");
            // ListViolations pages the same parent: naming the collection refuses its tokens here.
            String query = request.getParent() + "/scoreEvents";
            PageRequest page = pageTokens.pageRequest(request.getPageSize(), request.getPageToken(), query);
            Page<ScoreEvent> found = listScoreEvents.list(Callers.scope(), anchorId, page);
            return ListScoreEventsResponse.newBuilder()
                    .addAllScoreEvents(found.items().stream().map(Messages::scoreEvent).toList())
                    .setNextPageToken(pageTokens.nextToken(found, query))
                    .build();
        });
    }

    @Override
    public void verifyScores(VerifyScoresRequest request, StreamObserver<VerifyScoresResponse> observer) {
        GrpcErrors.respond(observer, () -> {
            Optional<AnchorId> anchorId = request.getAnchorId().isEmpty() ? Optional.empty()
                    : Optional.of(Requests.anchorId(request.getAnchorId(), "anchor_id"));
            VerifyScores.Report report = verifyScores.verify(anchorId);
            VerifyScoresResponse.Builder response = VerifyScoresResponse.newBuilder()
                    .setAnchorsChecked(report.anchorsChecked());
            report.mismatches().forEach(m -> response.addMismatches(ScoreMismatch.newBuilder()
                    .setAnchorId(m.anchorId().value()).setStoredScore(m.storedScore())
                    .setFoldedScore(m.foldedScore())));
            return response.build();
        });
    }

    /** Unspecified is null: not set, so that an update without a mask keeps the stored one. */
    private static Certification certification(Anchor anchor) {
        return switch (anchor.getCertification()) {
            case CERTIFICATION_UNSPECIFIED -> null;
            case NONE -> Certification.NONE;
            case EXPERT -> Certification.EXPERT;
            case PROFESSIONAL -> Certification.PROFESSIONAL;
            case UNRECOGNIZED -> throw InvalidRequestException.of("anchor.certification",
                    "unknown certification " + anchor.getCertificationValue());
        };
    }
}
