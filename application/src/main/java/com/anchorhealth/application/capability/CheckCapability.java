package com.anchorhealth.application.capability;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.port.out.anchor.SpilledSessions;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.policy.PhaseSchedule;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.CapabilityDecision;
import com.anchorhealth.domain.sanction.CapabilityRules;
import com.anchorhealth.domain.sanction.HeldSessions;
import com.anchorhealth.domain.sanction.SharedDecisions;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.sanction.StandingView;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The hot path: decides capabilities from the in-memory standing index and policy book, with no lock
 * shared by all calls and no database round trip but one rare case: withdrawing the income of a
 * session that may be among those an anchor with many held sessions keeps in its session store
 * ({@link #readsStore}). Unknown anchors are healthy at the initial score.
 */
@Singleton
public final class CheckCapability {
    public static final int MAX_BATCH = 1000;
    /** Each thread's view of the packed facts it looks up, so that a check reads them in place. */
    private static final ThreadLocal<StandingIndex.PackedView> VIEWS =
            ThreadLocal.withInitial(StandingIndex.PackedView::new);

    private final StandingIndex index;
    private final PolicyBook policies;
    private final SpilledSessions spilledSessions;
    private final ScopeChecks scopeChecks;
    private final Clock clock;
    /** The clock's instant as last read, shared by the checks of the same millisecond (see {@link #now}). */
    private volatile Instant lastRead;
    /** The decisions of the policy last in force, shared by its checks (see {@link #decisionsUnder}). */
    private volatile SharedDecisions shared;

    @Inject
    public CheckCapability(StandingIndex index, PolicyBook policies, SpilledSessions spilledSessions,
                           ScopeChecks scopeChecks, Clock clock) {
        this.scopeChecks = scopeChecks;
        this.index = index;
        this.policies = policies;
        this.spilledSessions = spilledSessions;
        this.clock = clock;
    }

    /** One check; {@code liveSession} matters for withdrawing violation income. */
    public record Query(AnchorId anchorId, Capability capability, Optional<String> liveSession) {
    }

    /**
     * One check as its caller holds it (a request, read from the wire), so that a check needs no query
     * object: the anchor whose id has the bytes {@link #anchorId}, a valid {@link AnchorId}'s, and the
     * live session {@link #liveSession} names (empty: none), read as text only where a held session
     * must be compared. An id object is made only where a scoped caller's check or a read of the
     * session store needs one.
     */
    public interface BytesQuery {
        byte[] anchorId();

        Capability capability();

        CharSequence liveSession();
    }

    /**
     * One check. An anchor outside a scoped caller's guilds is decided as an unknown one, so that the
     * answer tells nothing of it; finding out costs that caller a read of the store.
     */
    public CapabilityDecision check(Scope scope, Query query) {
        Instant now = now();
        SharedDecisions decisions = decisionsUnder(policies.inForceAt(now));
        if (scope.restricted() && scopeChecks.visible(scope, List.of(query.anchorId())).isEmpty()) {
            return asUnknown(query, decisions, now);
        }
        return decide(query, decisions, now);
    }

    /** As {@link #check(Scope, Query)} decides the same check, with no object made for it. */
    public CapabilityDecision check(Scope scope, BytesQuery query) {
        if (scope.restricted()) {
            return check(scope, queryOf(query));
        }
        Instant now = now();
        SharedDecisions decisions = decisionsUnder(policies.inForceAt(now));
        StandingView facts = index.viewOf(query.anchorId(), VIEWS.get());
        int bucket = PhaseSchedule.bucketOf(query.anchorId());
        if (facts == null) {
            return CapabilityRules.decideUnknown(decisions, bucket, query.capability(), query.liveSession(), now);
        }
        if (asksStore(query.capability(), query.liveSession(), facts, decisions.policy(), now)) {
            return decide(queryOf(query), decisions, now);
        }
        return CapabilityRules.decide(decisions, bucket, facts, query.capability(), query.liveSession(), now);
    }

    private static Query queryOf(BytesQuery query) {
        CharSequence session = query.liveSession();
        return new Query(new AnchorId(new String(query.anchorId(), StandardCharsets.US_ASCII)), query.capability(),
                session.isEmpty() ? Optional.empty() : Optional.of(session.toString()));
    }

    /** Every check of a batch is decided at the same instant under the same policy. */
    public List<CapabilityDecision> checkAll(Scope scope, List<Query> queries) {
        if (queries.isEmpty() || queries.size() > MAX_BATCH) {
            throw InvalidRequestException.of("checks", "must hold 1-" + MAX_BATCH + " checks");
        }
        Instant now = now();
        SharedDecisions decisions = decisionsUnder(policies.inForceAt(now));
        if (!scope.restricted()) {
            return queries.stream().map(query -> decide(query, decisions, now)).toList();
        }
        Set<AnchorId> visible = scopeChecks.visible(scope, queries.stream().map(Query::anchorId).distinct().toList());
        return queries.stream().map(query -> visible.contains(query.anchorId()) ? decide(query, decisions, now)
                : asUnknown(query, decisions, now)).toList();
    }

    /**
     * The clock's instant, read anew once a millisecond: thousands of checks a second would otherwise
     * allocate an {@code Instant} each. The checks of one millisecond are decided as of one instant in it.
     */
    private Instant now() {
        long millis = clock.millis();
        Instant last = lastRead;
        if (last != null && last.toEpochMilli() == millis) {
            return last;
        }
        Instant read = clock.instant();
        lastRead = read;
        return read;
    }

    /** Made anew when another policy comes into force; checks racing at the change may each make one. */
    private SharedDecisions decisionsUnder(Policy policy) {
        SharedDecisions current = shared;
        if (current == null || current.policy() != policy) {
            current = new SharedDecisions(policy);
            shared = current;
        }
        return current;
    }

    private static CapabilityDecision asUnknown(Query query, SharedDecisions decisions, Instant now) {
        return CapabilityRules.decide(decisions, query.anchorId(), Optional.empty(), query.capability(),
                query.liveSession(), now);
    }

    /**
     * Whether deciding {@code query} now would read the store (a session's hold, or a scoped caller's
     * guilds), so that a caller can do it off its hot thread.
     */
    public boolean readsStore(Scope scope, Query query) {
        // Every check but a session's withdrawal is answered with no second look-up on the hot path.
        String session = query.liveSession().orElse("");
        return scope.restricted() || mayAskStore(query.capability(), session)
                && asksStoreNow(index.factsOf(query.anchorId()).orElse(null), query.capability(), session);
    }

    /** As {@link #readsStore(Scope, Query)} says of the same check. */
    public boolean readsStore(Scope scope, BytesQuery query) {
        return scope.restricted() || mayAskStore(query.capability(), query.liveSession())
                && asksStoreNow(index.viewOf(query.anchorId(), VIEWS.get()), query.capability(), query.liveSession());
    }

    /** {@code facts} null for an anchor nobody registered: none of its sessions is held. */
    private boolean asksStoreNow(StandingView facts, Capability capability, CharSequence liveSession) {
        if (facts == null) {
            return false;
        }
        Instant now = now();
        return asksStore(capability, liveSession, facts, policies.inForceAt(now), now);
    }

    private CapabilityDecision decide(Query query, SharedDecisions decisions, Instant now) {
        Optional<StandingFacts> facts = index.factsOf(query.anchorId());
        String session = query.liveSession().orElse("");
        if (facts.isPresent() && asksStore(query.capability(), session, facts.get(), decisions.policy(), now)) {
            facts = Optional.of(facts.get().withHeldSessions(facts.get().heldSessions().resolving(session,
                    spilledSessions.heldUntil(query.anchorId(), session))));
        }
        return CapabilityRules.decide(decisions, query.anchorId(), facts, query.capability(), query.liveSession(), now);
    }

    /** Only withdrawing a session's income can need the store. */
    private static boolean mayAskStore(Capability capability, CharSequence liveSession) {
        return capability == Capability.WITHDRAW_VIOLATION_INCOME && !liveSession.isEmpty();
    }

    /** Only where the tier denies withdrawing and the session may be one the memory does not keep. */
    private static boolean asksStore(Capability capability, CharSequence liveSession, StandingView facts,
                                     Policy policy, Instant now) {
        return mayAskStore(capability, liveSession)
                && policy.deniedBy(policy.thresholds().tierFor(facts.score())).contains(capability)
                && facts.heldSessions().holdOf(liveSession, now) == HeldSessions.Hold.IN_STORE;
    }
}
