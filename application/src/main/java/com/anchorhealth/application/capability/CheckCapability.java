package com.anchorhealth.application.capability;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.port.out.SpilledSessions;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.CapabilityDecision;
import com.anchorhealth.domain.sanction.CapabilityRules;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The hot path: decides capabilities from the in-memory standing index and policy book, with no lock
 * shared by all calls and no database round trip but one rare case: withdrawing the income of a
 * session that may be among those an anchor with many held sessions keeps in its session store
 * ({@link #readsStore}). Unknown anchors are healthy at the initial score.
 */
@Singleton
public final class CheckCapability {
    public static final int MAX_BATCH = 1000;

    private final StandingIndex index;
    private final PolicyBook policies;
    private final SpilledSessions spilledSessions;
    private final Clock clock;

    @Inject
    public CheckCapability(StandingIndex index, PolicyBook policies, SpilledSessions spilledSessions, Clock clock) {
        this.index = index;
        this.policies = policies;
        this.spilledSessions = spilledSessions;
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

    /** Whether deciding {@code query} now would read the session store, so that a caller can do it off its hot thread. */
    public boolean readsStore(Query query) {
        if (!mayAskStore(query)) {
            return false;   // every check but a session's withdrawal: no second look-up on the hot path
        }
        Instant now = clock.instant();
        return index.factsOf(query.anchorId()).filter(facts -> asksStore(query, facts, policies.inForceAt(now), now))
                .isPresent();
    }

    private CapabilityDecision decide(Query query, Policy policy, Instant now) {
        Optional<StandingFacts> facts = index.factsOf(query.anchorId()).map(indexed -> asksStore(query, indexed, policy,
                now) ? indexed.withHeldSessions(indexed.heldSessions().resolving(query.liveSession().get(),
                spilledSessions.heldUntil(query.anchorId(), query.liveSession().get()))) : indexed);
        return CapabilityRules.decide(policy, query.anchorId(), facts, query.capability(), query.liveSession(), now);
    }

    /** Only withdrawing a session's income can need the store. */
    private static boolean mayAskStore(Query query) {
        return query.capability() == Capability.WITHDRAW_VIOLATION_INCOME && query.liveSession().isPresent();
    }

    /** Only where the tier denies withdrawing and the session may be one the memory does not keep. */
    private static boolean asksStore(Query query, StandingFacts facts, Policy policy, Instant now) {
        return mayAskStore(query)
                && policy.deniedBy(policy.thresholds().tierFor(facts.score())).contains(query.capability())
                && facts.heldSessions().holdOf(query.liveSession().get(), now) == HeldSessions.Hold.IN_STORE;
    }
}
