package com.anchorhealth.domain.policy;

/** Whether an anchor is covered by the rules at an instant, and whether sanctions apply to it. */
public record Rollout(boolean inScope, boolean enforced) {
    public static final Rollout OUT_OF_SCOPE = new Rollout(false, false);
    public static final Rollout IN_SCOPE = new Rollout(true, false);
    public static final Rollout ENFORCED = new Rollout(true, true);
}
