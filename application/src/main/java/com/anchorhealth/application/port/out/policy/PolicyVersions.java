package com.anchorhealth.application.port.out.policy;

import com.anchorhealth.application.error.StoreConflictException;
import com.anchorhealth.domain.policy.Policy;

import java.util.List;
import java.util.Map;

/** Published policy versions; immutable once stored. */
public interface PolicyVersions {
    /** Every version, oldest first. */
    List<Policy> all();

    /** The versions newer than this one, oldest first (what another instance published since). */
    List<Policy> publishedAfter(long version);

    /** Every version's publication, by version number. */
    Map<Long, PolicyPublication> publications();

    /** Throws {@link StoreConflictException} when the version number is taken. */
    void insert(Policy policy, PolicyPublication publication);
}
