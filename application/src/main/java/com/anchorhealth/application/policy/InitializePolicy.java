package com.anchorhealth.application.policy;

import com.anchorhealth.application.error.FieldChecks;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.error.StoreConflictException;
import com.anchorhealth.application.port.out.policy.PolicyPublication;
import com.anchorhealth.application.port.out.policy.PolicyVersions;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.domain.policy.DefaultPolicy;
import com.anchorhealth.domain.policy.Policy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * At start: when the store holds no policy, publishes the configured one (or the defaults) as
 * version 1; then loads every version into the policy book.
 */
@Singleton
public final class InitializePolicy {
    /** The author of a version 1 published at the first start, from the configured policy or the defaults. */
    public static final String FIRST_START_AUTHOR = "server";

    private final PolicyVersions versions;
    private final PolicyBook book;
    private final Clock clock;

    @Inject
    public InitializePolicy(PolicyVersions versions, PolicyBook book, Clock clock) {
        this.versions = versions;
        this.book = book;
        this.clock = clock;
    }

    /** What start-up found: whether it published version 1, and the policy in force now. */
    public record Outcome(boolean publishedFirstVersion, Policy inForce) {
    }

    /** Throws {@link InvalidRequestException} naming every problem of an invalid configured policy. */
    public Outcome initialize(Optional<Policy> configured) {
        Policy candidate = configured.orElseGet(DefaultPolicy::candidate);
        new FieldChecks().policy(candidate, "").throwIfAny();
        boolean published = false;
        List<Policy> stored = versions.all();
        if (stored.isEmpty()) {
            try {
                versions.insert(candidate.withVersion(1, candidate.effectiveAt()),
                        new PolicyPublication(clock.instant(), FIRST_START_AUTHOR, ""));
                published = true;
            } catch (StoreConflictException e) {
                // Another instance published version 1 first; its policy is the one in force.
            }
            stored = versions.all();
        }
        book.load(stored);
        return new Outcome(published, book.inForceAt(clock.instant()));
    }
}
