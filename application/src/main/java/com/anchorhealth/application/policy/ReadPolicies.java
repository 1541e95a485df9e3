package com.anchorhealth.application.policy;

import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.port.out.Page;
import com.anchorhealth.application.port.out.PageRequest;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.domain.policy.Policy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Reads published policies: the one in force now, a given version, or the list of versions. */
@Singleton
public final class ReadPolicies {
    private final PolicyBook policies;
    private final Clock clock;

    @Inject
    public ReadPolicies(PolicyBook policies, Clock clock) {
        this.policies = policies;
        this.clock = clock;
    }

    /** A published version with whether it is in force now. */
    public record VersionView(Policy policy, boolean inForce) {
    }

    /** {@code version} 0 means the version in force now. */
    public Policy get(long version) {
        if (version == 0) {
            return policies.inForceAt(clock.instant());
        }
        return policies.version(version)
                .orElseThrow(() -> new NotFoundException("Policy", "policies/" + version));
    }

    /** Versions in publication order; page keys are version numbers. */
    public Page<VersionView> versions(PageRequest page) {
        long inForce = policies.inForceAt(clock.instant()).version();
        long after = page.after().map(Long::parseLong).orElse(0L);
        List<VersionView> following = policies.all().stream()
                .filter(policy -> policy.version() > after)
                .limit(page.size() + 1L)
                .map(policy -> new VersionView(policy, policy.version() == inForce))
                .toList();
        if (following.size() <= page.size()) {
            return new Page<>(following, Optional.empty());
        }
        List<VersionView> items = following.subList(0, page.size());
        return new Page<>(items, Optional.of(Long.toString(items.get(items.size() - 1).policy().version())));
    }
}
