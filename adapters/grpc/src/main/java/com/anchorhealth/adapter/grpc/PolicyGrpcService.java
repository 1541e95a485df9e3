package com.anchorhealth.adapter.grpc;

import com.anchorhealth.api.v1.GetPolicyRequest;
import com.anchorhealth.api.v1.ListPolicyVersionsRequest;
import com.anchorhealth.api.v1.ListPolicyVersionsResponse;
import com.anchorhealth.api.v1.Policy;
import com.anchorhealth.api.v1.PolicyServiceGrpc;
import com.anchorhealth.api.v1.PolicyVersion;
import com.anchorhealth.api.v1.PublishPolicyRequest;
import com.anchorhealth.api.v1.SimulatePolicyRequest;
import com.anchorhealth.api.v1.SimulatePolicyResponse;
import com.anchorhealth.api.v1.TierChange;
import com.anchorhealth.api.v1.TierCount;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.policy.PublishPolicy;
import com.anchorhealth.application.policy.PublishPolicyCommand;
import com.anchorhealth.application.policy.ReadPolicies;
import com.anchorhealth.application.policy.SimulatePolicy;
import com.anchorhealth.domain.vocabulary.Tier;
import io.grpc.stub.StreamObserver;

/** PolicyService: the policy as published data. */
public final class PolicyGrpcService extends PolicyServiceGrpc.PolicyServiceImplBase {
    private static final String VERSIONS_QUERY = "policies";

    /** Sample size when the request leaves it at 0. */
    static final int DEFAULT_SAMPLE = 100;

    private final ReadPolicies readPolicies;
    private final PublishPolicy publishPolicy;
    private final SimulatePolicy simulatePolicy;
    private final PageTokens pageTokens;

    public PolicyGrpcService(ReadPolicies readPolicies, PublishPolicy publishPolicy, SimulatePolicy simulatePolicy,
                             PageTokens pageTokens) {
        this.readPolicies = readPolicies;
        this.publishPolicy = publishPolicy;
        this.simulatePolicy = simulatePolicy;
        this.pageTokens = pageTokens;
    }

    @Override
    public void simulatePolicy(SimulatePolicyRequest request, StreamObserver<SimulatePolicyResponse> observer) {
        GrpcErrors.respond(observer, () -> {
            SimulatePolicy.Report report = simulatePolicy.simulate(candidate(request.getPolicy()),
                    request.getSampleSize() == 0 ? DEFAULT_SAMPLE : request.getSampleSize());
            SimulatePolicyResponse.Builder response = SimulatePolicyResponse.newBuilder()
                    .setCurrentPolicyVersion(report.policyVersion())
                    .setAnchorsChangingTier(report.anchorsChangingTier())
                    .setAnchorsReplayed(report.anchorsReplayed())
                    .setViolationsReplayed(report.violationsReplayed());
            report.currentTiers().forEach((tier, count) -> response.addCurrentTiers(tierCount(tier, count)));
            report.candidateTiers().forEach((tier, count) -> response.addCandidateTiers(tierCount(tier, count)));
            report.sample().forEach(change -> response.addSample(TierChange.newBuilder()
                    .setAnchorId(change.anchorId().value())
                    .setCurrentScore(change.currentScore())
                    .setCurrentTier(Messages.protoEnum(change.currentTier(), com.anchorhealth.api.v1.Tier.class))
                    .setCandidateScore(change.candidateScore())
                    .setCandidateTier(Messages.protoEnum(change.candidateTier(), com.anchorhealth.api.v1.Tier.class))));
            return response.build();
        });
    }

    private static TierCount tierCount(Tier tier, long anchors) {
        return TierCount.newBuilder().setTier(Messages.protoEnum(tier, com.anchorhealth.api.v1.Tier.class))
                .setAnchors(anchors).build();
    }

    @Override
    public void publishPolicy(PublishPolicyRequest request, StreamObserver<Policy> observer) {
        GrpcErrors.respond(observer, () -> {
            PublishPolicyCommand command = PublishPolicyCommand.of(request.getRequestId(),
                    candidate(request.getPolicy()),
                    Requests.instant(request.hasEffectiveAt(), request.getEffectiveAt(), "effective_at"),
                    request.getNote());
            long published = publishPolicy.publish(command, Callers.actor(), CallDeadlines.current()).version();
            return withPublication(readPolicies.published(published));
        });
    }

    /** The given fields over the policy in force now. */
    private com.anchorhealth.domain.policy.Policy candidate(Policy given) {
        try {
            return ProtoPolicyCodec.overlay(given, readPolicies.get(0));
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("policy", e.getMessage());
        }
    }

    @Override
    public void getPolicy(GetPolicyRequest request, StreamObserver<Policy> observer) {
        GrpcErrors.respond(observer, () -> {
            if (request.getVersion() < 0) {
                throw InvalidRequestException.of("version", "must be a published version, or 0 for the one in force");
            }
            return withPublication(readPolicies.published(request.getVersion()));
        });
    }

    @Override
    public void listPolicyVersions(ListPolicyVersionsRequest request,
                                   StreamObserver<ListPolicyVersionsResponse> observer) {
        GrpcErrors.respond(observer, () -> {
            Page<ReadPolicies.VersionView> page = readPolicies.versions(
                    pageTokens.pageRequest(request.getPageSize(), request.getPageToken(), VERSIONS_QUERY));
            ListPolicyVersionsResponse.Builder response = ListPolicyVersionsResponse.newBuilder()
                    .setNextPageToken(pageTokens.nextToken(page, VERSIONS_QUERY));
            page.items().forEach(view -> response.addVersions(PolicyVersion.newBuilder()
                    .setName("policies/" + view.policy().version())
                    .setVersion(view.policy().version())
                    .setEffectiveAt(Requests.timestamp(view.policy().effectiveAt()))
                    .setInForce(view.inForce())
                    .setAuthor(view.publication().author())
                    .setNote(view.publication().note())));
            return response.build();
        });
    }

    /** The policy as data, with who published it and the note (which its stored document leaves out). */
    private static Policy withPublication(ReadPolicies.VersionView view) {
        return ProtoPolicyCodec.toProto(view.policy()).toBuilder()
                .setAuthor(view.publication().author())
                .setNote(view.publication().note())
                .build();
    }
}
