package com.anchorhealth.application.capability;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.CapabilityDecision;
import com.anchorhealth.domain.sanction.CapabilityRules;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The hot path: decides capabilities from the in-memory standing index and policy book, with no
 * database round trip and no lock shared by all calls. Unknown anchors are healthy at the initial score.
 */
@Singleton
public final class CheckCapability {
    public static final int MAX_BATCH = 1000;

    private final StandingIndex index;
    private final PolicyBook policies;
    private final Clock clock;

    @Inject
    public CheckCapability(StandingIndex index, PolicyBook policies, Clock clock) {
        this.index = index;
        this.policies = policies;
        this.clock = clock;
    }

    /** One check; {@code liveSession} matters for withdrawing violation income. */
    public record Query(AnchorId anchorId, Capability capability, Optional<String> liveSession) {
    }

    public CapabilityDecision check(Query query) {
        Instant now = clock.instant();
        return decide(query, policies.inForceAt(now), now);
    }

    /** Every check of a batch is decided at the same instant under the same policy. */
    public List<CapabilityDecision> checkAll(List<Query> queries) {
        if (queries.isEmpty() || queries.size() > MAX_BATCH) {
            throw InvalidRequestException.of("checks", "must hold 1-" + MAX_BATCH + " checks");
        }
        Instant now = clock.instant();
        Policy policy = policies.inForceAt(now);
        return queries.stream().map(query -> decide(query, policy, now)).toList();
    }

    private CapabilityDecision decide(Query query, Policy policy, Instant now) {
        return CapabilityRules.decide(policy, query.anchorId(), index.factsOf(query.anchorId()), query.capability(),
                query.liveSession(), now);
    }
}
