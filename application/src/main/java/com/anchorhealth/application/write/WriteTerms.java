package com.anchorhealth.application.write;

import com.anchorhealth.domain.policy.Policy;

import java.time.Instant;

/** The moment a group is written at and the policy in force then, read once for the whole group. */
public record WriteTerms(Instant now, Policy policy) {
}
