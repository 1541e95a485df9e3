package com.anchorhealth.domain.sanction;

import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.Rollout;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;

import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Where an anchor stands at an instant under a policy. {@code deniedCapabilities} is what the rules
 * deny (checked without a live session); it applies only when {@code enforced}.
 */
public record Standing(
        AnchorId anchorId,
        int score,
        int initialScore,
        Tier tier,
        Set<Capability> deniedCapabilities,
        int pointsToNextThreshold,
        Optional<Tier> nextTierDown,
        boolean inScope,
        boolean enforced,
        long policyVersion,
        Optional<Instant> lastViolationAt,
        Instant asOf) {

    public Standing {
        deniedCapabilities = Set.copyOf(deniedCapabilities);
    }

    public static Standing evaluate(Policy policy, AnchorId anchorId, StandingFacts facts, Instant at) {
        Tier tier = policy.thresholds().tierFor(facts.score());
        EnumSet<Capability> denied = EnumSet.noneOf(Capability.class);
        for (Capability capability : Capability.values()) {
            if (!CapabilityRules.verdict(policy, facts, tier, capability, "", at).allowed()) {
                denied.add(capability);
            }
        }
        Rollout rollout = policy.phases().rolloutAt(anchorId, at);
        return new Standing(anchorId, facts.score(), facts.initialScore(), tier, denied,
                policy.thresholds().pointsToNextThreshold(facts.score()), Optional.ofNullable(tier.next()),
                rollout.inScope(), rollout.enforced(), policy.version(), facts.lastViolationAt(), at);
    }
}
