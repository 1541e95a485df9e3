package com.anchorhealth.domain.sanction;

import com.anchorhealth.domain.policy.PhaseSchedule;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The capability rules, each a named function over the policy and the facts that either gives a
 * verdict with its reason or has no opinion; the first verdict wins, and no verdict means allowed.
 * Whether the verdict is applied depends on the rollout: outside enforcement everything is allowed.
 */
public final class CapabilityRules {
    private static final long SECONDS_PER_DAY = Duration.ofDays(1).toSeconds();

    /**
     * One rule: a verdict, or empty when the rule does not concern this check. {@code session} is the
     * live session named by the caller, empty when none; a rule reads it as text only where it must
     * compare it with a held session. What a rule sees is passed as it is, not in a record: the hot
     * path makes none.
     */
    @FunctionalInterface
    public interface Rule {
        Optional<Verdict> evaluate(Policy policy, StandingView facts, Tier tier, Capability capability,
                                   CharSequence session, Instant now);
    }

    /** A rule's answer; the rules answer with the constants below, so that a check allocates none. */
    public record Verdict(boolean allowed, DecisionReason reason) {
        static final Verdict ALLOWED_BY_TIER = new Verdict(true, DecisionReason.TIER_ALLOWS);
        static final Optional<Verdict> SESSION_WITHOUT_VIOLATION = answer(true, DecisionReason.SESSION_WITHOUT_VIOLATION);
        static final Optional<Verdict> SESSION_HAS_VIOLATION = answer(false, DecisionReason.SESSION_HAS_VIOLATION);
        static final Optional<Verdict> TIER_DENIES = answer(false, DecisionReason.TIER_DENIES);
        static final Optional<Verdict> SELLING_REVOKED = answer(false, DecisionReason.SELLING_REVOKED);
        static final Optional<Verdict> BELOW_INITIAL_SCORE = answer(false, DecisionReason.BELOW_INITIAL_SCORE);
        static final Optional<Verdict> RECENT_VIOLATION = answer(false, DecisionReason.RECENT_VIOLATION);

        private static Optional<Verdict> answer(boolean allowed, DecisionReason reason) {
            return Optional.of(new Verdict(allowed, reason));
        }
    }

    /**
     * Income of a session without a held violation stays withdrawable whatever the tier. A session
     * the facts can only say may be in the session store counts as held: the caller has the store
     * say first (see {@link HeldSessions#resolving}).
     */
    public static final Rule SESSION_INCOME = (policy, facts, tier, capability, session, now) -> {
        if (capability != Capability.WITHDRAW_VIOLATION_INCOME || !policy.deniedBy(tier).contains(capability)
                || session.isEmpty()) {
            return Optional.empty();
        }
        return facts.heldSessions().holdOf(session, now) == HeldSessions.Hold.NOT_HELD
                ? Verdict.SESSION_WITHOUT_VIOLATION
                : Verdict.SESSION_HAS_VIOLATION;
    };

    public static final Rule TIER = (policy, facts, tier, capability, session, now) ->
            policy.deniedBy(tier).contains(capability) ? Verdict.TIER_DENIES : Optional.empty();

    /** A standing violation of a type that revokes selling revokes it whatever the score. */
    public static final Rule SELLING = (policy, facts, tier, capability, session, now) ->
            capability == Capability.ECOMMERCE_SELLING && facts.sellingRevoked()
                    ? Verdict.SELLING_REVOKED
                    : Optional.empty();

    /** Traffic support is a grant: only at the full initial score with no recent violation. */
    public static final Rule TRAFFIC_SUPPORT = (policy, facts, tier, capability, session, now) -> {
        if (capability != Capability.TRAFFIC_SUPPORT) {
            return Optional.empty();
        }
        if (facts.score() < facts.initialScore()) {
            return Verdict.BELOW_INITIAL_SCORE;
        }
        return violatedWithinDays(facts, policy.trafficSupportCleanDays(), now)
                ? Verdict.RECENT_VIOLATION
                : Optional.empty();
    };

    /**
     * Whether the last violation is after the instant {@code days} before {@code now}, compared in
     * seconds and nanoseconds: every traffic support check asks, and the instant it would subtract is an object.
     */
    static boolean violatedWithinDays(StandingView facts, int days, Instant now) {
        return facts.lastViolationAfter(now.getEpochSecond() - days * SECONDS_PER_DAY, now.getNano());
    }

    private CapabilityRules() {
    }

    /** The decision under the policy of {@code decisions}, one of those it shares where it can. */
    public static CapabilityDecision decide(
            SharedDecisions decisions, AnchorId anchorId, Optional<StandingFacts> registered, Capability capability,
            Optional<String> session, Instant now) {
        return decide(decisions, PhaseSchedule.bucketOf(anchorId), registered, capability, session, now);
    }

    /** For an anchor in the rollout's {@code bucket} ({@link PhaseSchedule#bucketOf}): all the rules need of its id. */
    public static CapabilityDecision decide(
            SharedDecisions decisions, int bucket, Optional<StandingFacts> registered, Capability capability,
            Optional<String> session, Instant now) {
        return registered.isPresent()
                ? decide(decisions, bucket, registered.get(), capability, session.orElse(""), now)
                : decideUnknown(decisions, bucket, capability, session.orElse(""), now);
    }

    /**
     * For a registered anchor in the rollout's {@code bucket}, its facts as the rules read them, and
     * {@code session} empty when the check names none: a check that holds its facts and its session
     * in other forms passes them as they are.
     */
    public static CapabilityDecision decide(SharedDecisions decisions, int bucket, StandingView registered,
                                            Capability capability, CharSequence session, Instant now) {
        return decide(decisions, bucket, registered, true, capability, session, now);
    }

    /** For an anchor nobody registered, healthy at the policy's initial score. */
    public static CapabilityDecision decideUnknown(SharedDecisions decisions, int bucket, Capability capability,
                                                   CharSequence session, Instant now) {
        return decide(decisions, bucket, decisions.unregistered(), false, capability, session, now);
    }

    private static CapabilityDecision decide(SharedDecisions decisions, int bucket, StandingView facts,
                                             boolean registered, Capability capability, CharSequence session,
                                             Instant now) {
        Policy policy = decisions.policy();
        Tier tier = policy.thresholds().tierFor(facts.score());
        Verdict verdict = verdict(policy, facts, tier, capability, session, now);
        DecisionReason reason = !registered && verdict.allowed() ? DecisionReason.UNKNOWN_ANCHOR : verdict.reason();
        return decisions.decision(capability, verdict.allowed(), reason, policy.phases().rolloutOfBucket(bucket, now),
                tier, facts.score(), registered);
    }

    /** The rules in order; the first verdict wins. */
    static Verdict verdict(Policy policy, StandingView facts, Tier tier, Capability capability,
                           CharSequence session, Instant now) {
        Optional<Verdict> verdict = SESSION_INCOME.evaluate(policy, facts, tier, capability, session, now);
        if (verdict.isEmpty()) {
            verdict = TIER.evaluate(policy, facts, tier, capability, session, now);
        }
        if (verdict.isEmpty()) {
            verdict = SELLING.evaluate(policy, facts, tier, capability, session, now);
        }
        if (verdict.isEmpty()) {
            verdict = TRAFFIC_SUPPORT.evaluate(policy, facts, tier, capability, session, now);
        }
        return verdict.orElse(Verdict.ALLOWED_BY_TIER);
    }
}
