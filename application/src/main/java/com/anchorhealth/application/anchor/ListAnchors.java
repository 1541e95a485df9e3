package com.anchorhealth.application.anchor;

import com.anchorhealth.application.port.out.AnchorFilter;
import com.anchorhealth.application.port.out.AnchorRecord;
import com.anchorhealth.application.port.out.Anchors;
import com.anchorhealth.application.port.out.Page;
import com.anchorhealth.application.port.out.PageRequest;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.Thresholds;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.vocabulary.Tier;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Pages through anchors for the back office, filtered by tier (the score range of the tier under
 * the policy in force) and guild. Standings come from the in-memory index, one per anchor.
 */
@Singleton
public final class ListAnchors {
    private final Anchors anchors;
    private final PolicyBook policies;
    private final StandingIndex index;
    private final Clock clock;

    @Inject
    public ListAnchors(Anchors anchors, PolicyBook policies, StandingIndex index, Clock clock) {
        this.anchors = anchors;
        this.policies = policies;
        this.index = index;
        this.clock = clock;
    }

    public Page<AnchorView> list(Optional<Tier> tier, Optional<String> guildId, PageRequest page) {
        Instant now = clock.instant();
        Policy policy = policies.inForceAt(now);
        AnchorFilter filter = tier.map(t -> scoreRangeOf(policy.thresholds(), t, guildId))
                .orElse(new AnchorFilter(Integer.MIN_VALUE, Integer.MAX_VALUE, guildId));
        return anchors.list(filter, page).map(record -> new AnchorView(record, standingOf(record, policy, now)));
    }

    private static AnchorFilter scoreRangeOf(Thresholds thresholds, Tier tier, Optional<String> guildId) {
        int max = switch (tier) {
            case NORMAL -> Integer.MAX_VALUE;
            case RESTRICTED -> thresholds.restrictedBelow() - 1;
            case SEVERELY_RESTRICTED -> thresholds.severelyRestrictedBelow() - 1;
            case REVOKED -> thresholds.revokedBelow() - 1;
        };
        return new AnchorFilter(thresholds.floorOf(tier), max, guildId);
    }

    private Standing standingOf(AnchorRecord record, Policy policy, Instant now) {
        return Standing.evaluate(policy, record.profile().anchorId(), index.factsOf(record), now);
    }
}
