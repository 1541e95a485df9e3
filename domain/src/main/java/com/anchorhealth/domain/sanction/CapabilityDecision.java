package com.anchorhealth.domain.sanction;

import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;

/**
 * The answer to "may this anchor use this capability now": {@code allowed} is what callers act on;
 * {@code allowedIfEnforced} and {@code reason} say what the rules decide when sanctions apply. It
 * names no anchor (the caller knows which it asked about), so that anchors answered alike under a
 * policy share one answer ({@link SharedDecisions}).
 */
public record CapabilityDecision(
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
