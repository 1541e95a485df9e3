package com.anchorhealth.domain.sanction;

import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.Rollout;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;

/**
 * The decisions of one policy, each made once and shared by every check that reaches it, so that the
 * hot path allocates none: under a policy, a decision is fixed by its capability, the verdict, the
 * rollout, whether the anchor is known, and the score (which fixes the tier). Scores outside the
 * table's range get a decision of their own. Racing checks may each build a decision; they agree,
 * and either is kept.
 */
public final class SharedDecisions {
    /** The scores of the table; every policy's range is far inside it. */
    private static final int SCORES = 1024;
    private static final int REASONS = DecisionReason.values().length;
    /** Verdict allowed, in scope, enforced, known: a bit each. */
    private static final int FLAGS = 16;

    private final Policy policy;
    private final StandingFacts unregistered;
    /** By capability, reason and flags, then by score; a row is made when first reached. */
    private final CapabilityDecision[][] rows = new CapabilityDecision[Capability.values().length * REASONS * FLAGS][];

    public SharedDecisions(Policy policy) {
        this.policy = policy;
        this.unregistered = StandingFacts.unregistered(policy);
    }

    public Policy policy() {
        return policy;
    }

    /** The facts of an anchor nobody registered, under this policy. */
    StandingFacts unregistered() {
        return unregistered;
    }

    CapabilityDecision decision(Capability capability, boolean verdictAllowed, DecisionReason reason,
                                Rollout rollout, Tier tier, int score, boolean knownAnchor) {
        if (score < 0 || score >= SCORES) {
            return build(capability, verdictAllowed, reason, rollout, tier, score, knownAnchor);
        }
        int key = ((capability.ordinal() * REASONS + reason.ordinal()) * FLAGS) | (verdictAllowed ? 8 : 0)
                | (rollout.inScope() ? 4 : 0) | (rollout.enforced() ? 2 : 0) | (knownAnchor ? 1 : 0);
        CapabilityDecision[] row = rows[key];
        if (row == null) {
            row = new CapabilityDecision[SCORES];
            rows[key] = row;
        }
        CapabilityDecision decision = row[score];
        if (decision == null) {
            decision = build(capability, verdictAllowed, reason, rollout, tier, score, knownAnchor);
            row[score] = decision;
        }
        return decision;
    }

    private CapabilityDecision build(Capability capability, boolean verdictAllowed, DecisionReason reason,
                                     Rollout rollout, Tier tier, int score, boolean knownAnchor) {
        return new CapabilityDecision(capability, !rollout.enforced() || verdictAllowed, rollout.enforced(),
                verdictAllowed, rollout.inScope(), tier, score, reason, policy.version(), knownAnchor);
    }
}
