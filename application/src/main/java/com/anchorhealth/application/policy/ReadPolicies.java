package com.anchorhealth.application.policy;

import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.policy.PolicyPublication;
import com.anchorhealth.application.port.out.policy.PolicyVersions;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.domain.policy.Policy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads published policies: the one in force now, a given version, or the list of versions. The rules
 * come from the policy book in memory; who published each version, and the note, from the store.
 */
@Singleton
public final class ReadPolicies {
    /** A version the book holds and the store does not name, which the store's order of writes rules out. */
    private static final PolicyPublication UNKNOWN = new PolicyPublication(Instant.EPOCH, "", "");

    private final PolicyBook policies;
    private final PolicyVersions store;
    private final Clock clock;

    @Inject
    public ReadPolicies(PolicyBook policies, PolicyVersions store, Clock clock) {
        this.policies = policies;
        this.store = store;
        this.clock = clock;
    }

    /** A published version with whether it is in force now, and who published it with what note. */
    public record VersionView(Policy policy, boolean inForce, PolicyPublication publication) {
    }

    /** {@code version} 0 means the version in force now. */
    public Policy get(long version) {
        if (version == 0) {
            return policies.inForceAt(clock.instant());
        }
        return policies.version(version)
                .orElseThrow(() -> new NotFoundException("Policy", "policies/" + version));
    }

    /** {@link #get} with its publication; {@code version} 0 means the version in force now. */
    public VersionView published(long version) {
        Policy policy = get(version);
        return new VersionView(policy, policy.version() == policies.inForceAt(clock.instant()).version(),
                store.publications().getOrDefault(policy.version(), UNKNOWN));
    }

    /** Versions in publication order; page keys are version numbers. */
    public Page<VersionView> versions(PageRequest page) {
        long inForce = policies.inForceAt(clock.instant()).version();
        long after = page.after().map(Long::parseLong).orElse(0L);
        Map<Long, PolicyPublication> publications = store.publications();
        List<VersionView> following = policies.all().stream()
                .filter(policy -> policy.version() > after)
                .limit(page.size() + 1L)
                .map(policy -> new VersionView(policy, policy.version() == inForce,
                        publications.getOrDefault(policy.version(), UNKNOWN)))
                .toList();
        if (following.size() <= page.size()) {
            return new Page<>(following, Optional.empty());
        }
        List<VersionView> items = following.subList(0, page.size());
        return new Page<>(items, Optional.of(Long.toString(items.get(items.size() - 1).policy().version())));
    }
}
