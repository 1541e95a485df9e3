package com.anchorhealth.application.policy;

import com.anchorhealth.application.port.out.policy.PolicyVersions;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.domain.policy.Policy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Learns the policy versions that another instance published: run every second, so that every
 * instance over one database decides with the same policy shortly after it is published (a version
 * usually takes effect later than it is published).
 */
@Singleton
public final class FollowPolicies {
    private final PolicyVersions versions;
    private final PolicyBook book;

    @Inject
    public FollowPolicies(PolicyVersions versions, PolicyBook book) {
        this.versions = versions;
        this.book = book;
    }

    /** The versions learned by this call; none most of the time. */
    public List<Policy> refresh() {
        List<Policy> published = versions.publishedAfter(book.latestVersion());
        published.forEach(book::add);
        return published;
    }
}
