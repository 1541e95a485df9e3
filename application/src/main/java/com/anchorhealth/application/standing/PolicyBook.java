package com.anchorhealth.application.standing;

import com.anchorhealth.domain.policy.Policy;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The published policy versions, held in memory (there are few) so that every call finds the policy
 * in force without a database round trip.
 */
@Singleton
public final class PolicyBook {
    private volatile List<Policy> versions = List.of();

    /** Replaces the known versions (at start, from the store). */
    public void load(List<Policy> published) {
        List<Policy> sorted = new ArrayList<>(published);
        sorted.sort(Comparator.comparingLong(Policy::version));
        versions = List.copyOf(sorted);
    }

    /** Adds a newly published version; a version already known is left as it is. */
    public synchronized void add(Policy published) {
        if (version(published.version()).isPresent()) {
            return;
        }
        List<Policy> next = new ArrayList<>(versions);
        next.add(published);
        load(next);
    }

    public boolean isEmpty() {
        return versions.isEmpty();
    }

    /**
     * The version in force at an instant: of those already effective, the one effective latest (the
     * newest version on a tie). Before the first version takes effect, the first is in force, since
     * no other rules exist.
     */
    public Policy inForceAt(Instant at) {
        List<Policy> known = versions;
        if (known.isEmpty()) {
            throw new IllegalStateException("no policy has been published");
        }
        Policy inForce = null;
        for (int i = 0; i < known.size(); i++) {   // by index: every check asks, and an iterator is an object
            Policy policy = known.get(i);
            if (!policy.effectiveAt().isAfter(at)
                    && (inForce == null || !policy.effectiveAt().isBefore(inForce.effectiveAt()))) {
                inForce = policy;
            }
        }
        return inForce != null ? inForce : known.get(0);
    }

    public Optional<Policy> version(long version) {
        return versions.stream().filter(policy -> policy.version() == version).findFirst();
    }

    /** Every published version, oldest first. */
    public List<Policy> all() {
        return versions;
    }

    public long latestVersion() {
        List<Policy> known = versions;
        return known.isEmpty() ? 0 : known.get(known.size() - 1).version();
    }
}
