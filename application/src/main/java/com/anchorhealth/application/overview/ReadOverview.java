package com.anchorhealth.application.overview;

import com.anchorhealth.application.anchor.AnchorView;
import com.anchorhealth.application.port.out.AnchorFilter;
import com.anchorhealth.application.port.out.Anchors;
import com.anchorhealth.application.port.out.PageRequest;
import com.anchorhealth.application.port.out.PublicNotices;
import com.anchorhealth.application.port.out.StandingChange;
import com.anchorhealth.application.port.out.StandingOutbox;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.guild.PublicNotice;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.vocabulary.Tier;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The back office's first page: how many anchors stand on each tier (from memory), which dropped a
 * tier in the last day (from the change feed's outbox), which stand within the policy's warning
 * margin above a threshold, and the latest public notices.
 */
@Singleton
public final class ReadOverview {
    public static final Duration RECENT = Duration.ofHours(24);
    /** Rows of each list: the page is a summary, the anchors page has the rest. */
    public static final int ROWS = 10;

    private final StandingIndex index;
    private final StandingOutbox outbox;
    private final Anchors anchors;
    private final PublicNotices notices;
    private final PolicyBook policies;
    private final Clock clock;

    @Inject
    public ReadOverview(StandingIndex index, StandingOutbox outbox, Anchors anchors, PublicNotices notices,
                        PolicyBook policies, Clock clock) {
        this.index = index;
        this.outbox = outbox;
        this.anchors = anchors;
        this.notices = notices;
        this.policies = policies;
        this.clock = clock;
    }

    public record Overview(Policy policy, Map<Tier, Long> tiers, List<StandingChange> recentDrops,
                           List<AnchorView> nearThreshold, List<PublicNotice> latestNotices, Instant asOf) {
    }

    public Overview read() {
        Instant now = clock.instant();
        Policy policy = policies.inForceAt(now);
        return new Overview(policy, index.tierCounts(policy.thresholds()), outbox.tierDropsSince(now.minus(RECENT), ROWS),
                nearThreshold(policy, now), notices.listNewestFirst(PageRequest.first(ROWS)).items(), now);
    }

    /** Anchors whose score is at most the warning margin above the floor of their tier, closest first. */
    private List<AnchorView> nearThreshold(Policy policy, Instant now) {
        List<AnchorView> near = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            if (tier == Tier.REVOKED) {
                continue;
            }
            int floor = policy.thresholds().floorOf(tier);
            anchors.list(new AnchorFilter(floor, floor + policy.warningMargin(), Optional.empty()),
                    PageRequest.first(ROWS)).items().forEach(record -> near.add(new AnchorView(record,
                    Standing.evaluate(policy, record.profile().anchorId(), index.factsOf(record), now))));
        }
        return near.stream()
                .sorted(Comparator.comparingInt((AnchorView view) -> view.standing().pointsToNextThreshold())
                        .thenComparing(view -> view.record().profile().anchorId().value()))
                .limit(ROWS)
                .toList();
    }
}
