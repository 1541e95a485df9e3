package com.anchorhealth.domain.sanction;

import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;

/**
 * The answer to "may this anchor use this capability now": {@code allowed} is what callers act on;
 * {@code allowedIfEnforced} and {@code reason} say what the rules decide when sanctions apply.
 */
public record CapabilityDecision(
        AnchorId anchorId,
        Capability capability,
        boolean allowed,
        boolean enforced,
        boolean allowedIfEnforced,
        boolean inScope,
        Tier tier,
        int score,
        DecisionReason reason,
        long policyVersion,
        boolean knownAnchor) {
}
