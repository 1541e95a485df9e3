package com.anchorhealth.adapter.grpc;

import com.anchorhealth.api.v1.Appeal;
import com.anchorhealth.api.v1.BatchRecordViolationResult;
import com.anchorhealth.api.v1.BatchRecordViolationsRequest;
import com.anchorhealth.api.v1.BatchRecordViolationsResponse;
import com.anchorhealth.api.v1.DecideAppealRequest;
import com.anchorhealth.api.v1.FileAppealRequest;
import com.anchorhealth.api.v1.GetAppealRequest;
import com.anchorhealth.api.v1.GetViolationRequest;
import com.anchorhealth.api.v1.ListAppealsRequest;
import com.anchorhealth.api.v1.ListAppealsResponse;
import com.anchorhealth.api.v1.ListViolationsRequest;
import com.anchorhealth.api.v1.ListViolationsResponse;
import com.anchorhealth.api.v1.RecordViolationRequest;
import com.anchorhealth.api.v1.Violation;
import com.anchorhealth.api.v1.ViolationServiceGrpc;
import com.anchorhealth.application.appeal.AppealCommands;
import com.anchorhealth.application.appeal.AppealView;
import com.anchorhealth.application.appeal.DecideAppeal;
import com.anchorhealth.application.appeal.FileAppeal;
import com.anchorhealth.application.appeal.ReadAppeals;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.violation.BatchRecordViolations;
import com.anchorhealth.application.violation.RecordViolation;
import com.anchorhealth.application.violation.ListViolations;
import com.anchorhealth.application.violation.RecordViolationCommand;
import com.anchorhealth.domain.appeal.AppealDecision;
import com.anchorhealth.domain.vocabulary.AnchorId;
import io.grpc.Context;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.StreamObserver;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** ViolationService: recording violations, one or in batches, reading them back, and their appeals. */
public final class ViolationGrpcService extends ViolationServiceGrpc.ViolationServiceImplBase {
    private final RecordViolation recordViolation;
    private final BatchRecordViolations batchRecordViolations;
    private final ListViolations listViolations;
    private final FileAppeal fileAppeal;
    private final DecideAppeal decideAppeal;
    private final ReadAppeals readAppeals;
    private final PageTokens pageTokens;
    /** A quarter of a default client's 4 MiB inbound limit: a page of the largest violations fits many times. */
    static final int MAX_PAGE_BYTES = 1 << 20;

    public ViolationGrpcService(RecordViolation recordViolation, BatchRecordViolations batchRecordViolations,
                                ListViolations listViolations, FileAppeal fileAppeal, DecideAppeal decideAppeal,
                                ReadAppeals readAppeals, PageTokens pageTokens) {
        this.recordViolation = recordViolation;
        this.batchRecordViolations = batchRecordViolations;
        this.listViolations = listViolations;
        this.fileAppeal = fileAppeal;
        this.decideAppeal = decideAppeal;
        this.readAppeals = readAppeals;
        this.pageTokens = pageTokens;
    }

    /**
     * The service as the server serves it: a batch over its item cap, or a violation over its
     * evidence cap, is refused having cost a scan of its bytes, not a parse of every item.
     */
    public ServerServiceDefinition cappedDefinition() {
        ServerServiceDefinition batchCapped = CappedRepeatedField.capping(super.bindService(),
                ViolationServiceGrpc.getBatchRecordViolationsMethod().getFullMethodName(),
                BatchRecordViolationsRequest.getDefaultInstance(), BatchRecordViolationsRequest.REQUESTS_FIELD_NUMBER,
                BatchRecordViolations.MAX_ITEMS);
        return CappedRepeatedField.capping(batchCapped,
                ViolationServiceGrpc.getRecordViolationMethod().getFullMethodName(),
                RecordViolationRequest.getDefaultInstance(), RecordViolationRequest.EVIDENCE_REFS_FIELD_NUMBER,
                RecordViolationCommand.MAX_EVIDENCE_REFS);
    }

    @Override
    public void fileAppeal(FileAppealRequest request, StreamObserver<Appeal> observer) {
        GrpcErrors.respondWhenDone(observer, () -> {
            Requests.ViolationName violation = Requests.violationName(request.getViolation(), "violation");
            return fileAppeal.file(AppealCommands.File.of(request.getRequestId(), violation.anchorId(),
                    violation.violationId(), request.getStatement()), Callers.current(), CallDeadlines.current());
        }, Messages::appeal);
    }

    @Override
    public void decideAppeal(DecideAppealRequest request, StreamObserver<Appeal> observer) {
        GrpcErrors.respondWhenDone(observer, () -> {
            Requests.ViolationName violation = Requests.appealName(request.getAppeal(), "appeal");
            AppealDecision decision = switch (request.getDecision()) {
                case UPHOLD -> AppealDecision.UPHOLD;
                case OVERTURN -> AppealDecision.OVERTURN;
                default -> null;
            };
            return decideAppeal.decide(AppealCommands.Decide.of(request.getRequestId(), violation.anchorId(),
                    violation.violationId(), decision, request.getNote()), Callers.current(), CallDeadlines.current());
        }, Messages::appeal);
    }

    @Override
    public void getAppeal(GetAppealRequest request, StreamObserver<Appeal> observer) {
        GrpcErrors.respond(observer, () -> {
            Requests.ViolationName appeal = Requests.appealName(request.getName(), "name");
            return Messages.appeal(readAppeals.get(Callers.scope(), appeal.anchorId(), appeal.violationId()));
        });
    }

    @Override
    public void listAppeals(ListAppealsRequest request, StreamObserver<ListAppealsResponse> observer) {
        GrpcErrors.respond(observer, () -> {
            Optional<AnchorId> anchorId = Requests.anchorNameOrEvery(request.getParent(), "parent");
            AppealListFilter filter = AppealListFilter.parse(request.getFilter());
            String query = request.getParent() + "/appeals?" + request.getFilter();
            PageRequest page = pageTokens.pageRequest(request.getPageSize(), request.getPageToken(), query);
            Page<AppealView> found = readAppeals.list(Callers.scope(), anchorId, filter.state(), page);
            return ListAppealsResponse.newBuilder()
                    .addAllAppeals(found.items().stream().map(Messages::appeal).toList())
                    .setNextPageToken(pageTokens.nextToken(found, query))
                    .build();
        });
    }

    @Override
    public void recordViolation(RecordViolationRequest request, StreamObserver<Violation> observer) {
        GrpcErrors.respondWhenDone(observer, () -> recordViolation.record(command(request), Callers.actor(),
                CallDeadlines.current()), Messages::violation);
    }

    @Override
    public void batchRecordViolations(BatchRecordViolationsRequest request,
                                      StreamObserver<BatchRecordViolationsResponse> observer) {
        GrpcErrors.respond(observer, () -> {
            List<Supplier<RecordViolationCommand>> items = request.getRequestsList().stream()
                    .<Supplier<RecordViolationCommand>>map(item -> () -> command(item))
                    .toList();
            BatchRecordViolationsResponse.Builder response = BatchRecordViolationsResponse.newBuilder();
            Context call = Context.current();
            batchRecordViolations.recordAll(items, Callers.actor(), CallDeadlines.current(), call::isCancelled).forEach(result ->
                    response.addResults(result.succeeded()
                            ? BatchRecordViolationResult.newBuilder().setViolation(Messages.violation(result.answer()))
                            : BatchRecordViolationResult.newBuilder().setError(GrpcErrors.toStatus(result.error()))));
            return response.build();
        });
    }

    @Override
    public void getViolation(GetViolationRequest request, StreamObserver<Violation> observer) {
        GrpcErrors.respond(observer, () -> {
            Requests.ViolationName name = Requests.violationName(request.getName(), "name");
            return Messages.violation(listViolations.get(Callers.scope(), name.anchorId(), name.violationId()));
        });
    }

    @Override
    public void listViolations(ListViolationsRequest request, StreamObserver<ListViolationsResponse> observer) {
        GrpcErrors.respond(observer, () -> {
            AnchorId anchorId = Requests.anchorName(request.getParent(), "parent");
            PageRequest page = pageTokens.pageRequest(request.getPageSize(), request.getPageToken(),
                    request.getParent());
            Page<Violation> found = PageTokens.withinBytes(listViolations.list(Callers.scope(), anchorId, page), Messages::violation,
                    view -> view.violation().violationId(), MAX_PAGE_BYTES);
            return ListViolationsResponse.newBuilder()
                    .addAllViolations(found.items())
                    .setNextPageToken(pageTokens.nextToken(found, request.getParent()))
                    .build();
        });
    }

    private static RecordViolationCommand command(RecordViolationRequest request) {
        return RecordViolationCommand.of(request.getRequestId(), request.getAnchorId(), request.getViolationType(),
                Requests.instant(request.hasOccurredAt(), request.getOccurredAt(), "occurred_at"),
                request.getLiveSessionId(), request.getSource(), request.getEvidenceRefsList());
    }
}
