package com.anchorhealth.application.port.out;

import com.anchorhealth.domain.policy.Policy;

import java.time.Instant;
import java.util.List;

/** Published policy versions; immutable once stored. */
public interface PolicyVersions {
    /** Every version, oldest first. */
    List<Policy> all();

    /** The versions newer than this one, oldest first (what another instance published since). */
    List<Policy> publishedAfter(long version);

    /** Throws {@link StoreConflictException} when the version number is taken. */
    void insert(Policy policy, Instant publishedAt);
}
