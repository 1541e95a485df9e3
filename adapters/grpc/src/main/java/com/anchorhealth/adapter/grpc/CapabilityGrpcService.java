package com.anchorhealth.adapter.grpc;

import com.anchorhealth.api.v1.BatchCheckCapabilitiesRequest;
import com.anchorhealth.api.v1.BatchCheckCapabilitiesResponse;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.Decision;
import com.anchorhealth.api.v1.StandingChange;
import com.anchorhealth.api.v1.WatchStandingChangesRequest;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.capability.CheckCapability;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.feed.FeedSubscription;
import com.anchorhealth.application.feed.WatchStandingChanges;
import com.anchorhealth.application.violation.RecordViolationCommand;
import com.anchorhealth.domain.sanction.CapabilityDecision;
import com.anchorhealth.domain.vocabulary.Capability;
import io.grpc.Context;
import io.grpc.MethodDescriptor;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Function;

/** CapabilityService: the hot path, answered from memory, and the feed of standing changes. */
public final class CapabilityGrpcService extends CapabilityServiceGrpc.CapabilityServiceImplBase {
    private final CheckCapability checkCapability;
    private final WatchStandingChanges watchStandingChanges;
    private final Executor storeReads;
    /** Made once: the check's path creates no lambda. */
    private final Function<CheckCall, CheckCall> check = this::check;
    private final Function<List<CheckCapability.Query>, BatchCheckCapabilitiesResponse> checkAll = this::checkAll;

    /**
     * {@code storeReads} decides the rare checks that read the session store, so that the transport
     * thread, which answers every other check, never waits on the database.
     */
    public CapabilityGrpcService(CheckCapability checkCapability, WatchStandingChanges watchStandingChanges,
                                 Executor storeReads) {
        this.checkCapability = checkCapability;
        this.watchStandingChanges = watchStandingChanges;
        this.storeReads = storeReads;
    }

    /**
     * The service as the server serves it: a check's decision is written to the wire straight from the
     * domain's answer, and an oversized batch is refused having cost a scan of its bytes, not a parse
     * of every item (on the transport thread, where checks are answered).
     */
    public ServerServiceDefinition definition() {
        ServerServiceDefinition capped = CappedRepeatedField.capping(super.bindService(),
                CapabilityServiceGrpc.getBatchCheckCapabilitiesMethod().getFullMethodName(),
                BatchCheckCapabilitiesRequest.getDefaultInstance(), BatchCheckCapabilitiesRequest.CHECKS_FIELD_NUMBER,
                CheckCapability.MAX_BATCH);
        MethodDescriptor<CheckCapabilityRequest, Decision> generated = CapabilityServiceGrpc.getCheckCapabilityMethod();
        return ServiceMethods.replacing(capped, ServerMethodDefinition.create(
                generated.toBuilder(CheckRequestMarshaller.INSTANCE, DecisionMarshaller.INSTANCE).build(),
                ServerCalls.asyncUnaryCall(this::answerCheck)));
    }

    /**
     * CheckCapability, its request read by {@link CheckRequestMarshaller} and answered, in the same
     * object, as a {@link Decision} message by {@link DecisionMarshaller}.
     */
    private void answerCheck(CheckCall call, StreamObserver<CheckCall> observer) {
        boolean readsStore;
        try {
            validate(call);
            readsStore = checkCapability.readsStore(Callers.scope(), call);
        } catch (RuntimeException e) {
            observer.onError(GrpcErrors.toException(e));
            return;
        }
        answer(readsStore, observer, check, call);
    }

    /** On this transport thread, or where the store may be read. */
    private <A, T> void answer(boolean readsStore, StreamObserver<T> observer, Function<A, T> call, A argument) {
        if (readsStore) {
            storeReads.execute(Context.current().wrap(() -> GrpcErrors.respond(observer, call, argument)));
        } else {
            GrpcErrors.respond(observer, call, argument);
        }
    }

    /** A call whose fields were found valid, the query it answers. */
    private CheckCall check(CheckCall call) {
        return call.answered(checkCapability.check(Callers.scope(), call));
    }

    @Override
    public void batchCheckCapabilities(BatchCheckCapabilitiesRequest request,
                                       StreamObserver<BatchCheckCapabilitiesResponse> observer) {
        List<CheckCapability.Query> queries = new ArrayList<>(request.getChecksCount());
        try {
            for (int i = 0; i < request.getChecksCount(); i++) {
                CheckCapabilityRequest check = request.getChecks(i);
                queries.add(query(check.getAnchorId(), check.getCapabilityValue(), check.getLiveSessionId(),
                        "checks[" + i + "]."));
            }
        } catch (RuntimeException e) {
            observer.onError(GrpcErrors.toException(e));
            return;
        }
        Scope scope = Callers.scope();
        answer(queries.stream().anyMatch(query -> checkCapability.readsStore(scope, query)), observer, checkAll,
                queries);
    }

    private BatchCheckCapabilitiesResponse checkAll(List<CheckCapability.Query> queries) {
        List<CapabilityDecision> decisions = checkCapability.checkAll(Callers.scope(), queries);
        BatchCheckCapabilitiesResponse.Builder response = BatchCheckCapabilitiesResponse.newBuilder();
        for (int i = 0; i < queries.size(); i++) {
            response.addDecisions(Messages.decision(queries.get(i).anchorId(), decisions.get(i)));
        }
        return response.build();
    }

    /**
     * Returns at once: the watch reads the store and sends on the feed's own executor, never on this
     * handler thread, and only while the stream is ready.
     */
    @Override
    public void watchStandingChanges(WatchStandingChangesRequest request, StreamObserver<StandingChange> observer) {
        Optional<Long> after;
        try {
            after = FeedMessages.afterPosition(request.getAfterCursor());
        } catch (RuntimeException e) {
            observer.onError(GrpcErrors.toException(e));
            return;
        }
        ServerCallStreamObserver<StandingChange> call = (ServerCallStreamObserver<StandingChange>) observer;
        FeedSubscription subscription = watchStandingChanges.watch(Callers.scope(), after, new StreamSink(call));
        call.setOnCancelHandler(subscription::cancel);
        call.setOnReadyHandler(subscription::resume);
        subscription.resume();
    }

    /** A check of a batch, validated: {@code capability} is the enum's number on the wire. */
    private static CheckCapability.Query query(String anchorId, int capability, String session, String prefix) {
        Optional<String> liveSession = liveSession(session, prefix);
        return new CheckCapability.Query(Requests.anchorId(anchorId, prefix + "anchor_id"),
                capability(capability, prefix), liveSession);
    }

    /** A single check, validated as the same check of a batch is, field by field in the same order. */
    private static void validate(CheckCall call) {
        if (call.liveSessionLongerThan(RecordViolationCommand.MAX_SESSION_ID_LENGTH)) {
            throw sessionTooLong("");
        }
        Requests.checkAnchorIdBytes(call.anchorId(), "anchor_id");
        call.validated(capability(call.capabilityNumber(), ""));
    }

    private static Optional<String> liveSession(String session, String prefix) {
        if (session.length() > RecordViolationCommand.MAX_SESSION_ID_LENGTH) {
            throw sessionTooLong(prefix);
        }
        return session.isEmpty() ? Optional.empty() : Optional.of(session);
    }

    private static InvalidRequestException sessionTooLong(String prefix) {
        return InvalidRequestException.of(prefix + "live_session_id",
                "must be at most " + RecordViolationCommand.MAX_SESSION_ID_LENGTH + " characters");
    }

    private static Capability capability(int number, String prefix) {
        com.anchorhealth.api.v1.Capability capability = com.anchorhealth.api.v1.Capability.forNumber(number);
        if (capability == null || capability == com.anchorhealth.api.v1.Capability.CAPABILITY_UNSPECIFIED) {
            throw InvalidRequestException.of(prefix + "capability",
                    "must be one of LIVE_RECOMMENDATION, PK, GIFTS, WITHDRAW_VIOLATION_INCOME, LIVE_BROADCAST, "
                            + "ECOMMERCE_SELLING, TRAFFIC_SUPPORT");
        }
        return Capability.valueOf(capability.name());
    }
}
