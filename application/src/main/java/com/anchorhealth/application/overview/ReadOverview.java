package com.anchorhealth.application.overview;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.anchor.AnchorView;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.port.out.AnchorFilter;
import com.anchorhealth.application.port.out.AnchorRecord;
import com.anchorhealth.application.port.out.Anchors;
import com.anchorhealth.application.port.out.Page;
import com.anchorhealth.application.port.out.PageRequest;
import com.anchorhealth.application.port.out.PublicNotices;
import com.anchorhealth.application.port.out.StandingChange;
import com.anchorhealth.application.port.out.StandingOutbox;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.guild.PublicNotice;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Tier;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
    private static final int MEMBERS_PAGE = 1000;
    /** How many of the newest drops a scoped overview looks through for its own. */
    private static final int SCOPED_DROPS_FACTOR = 20;

    private final StandingIndex index;
    private final StandingOutbox outbox;
    private final Anchors anchors;
    private final PublicNotices notices;
    private final PolicyBook policies;
    private final ScopeChecks scopeChecks;
    private final Clock clock;

    @Inject
    public ReadOverview(StandingIndex index, StandingOutbox outbox, Anchors anchors, PublicNotices notices,
                        PolicyBook policies, ScopeChecks scopeChecks, Clock clock) {
        this.scopeChecks = scopeChecks;
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

    /** The overview of the anchors the scope sees: a guild manager's is its guilds'. */
    public Overview read(Scope scope) {
        Instant now = clock.instant();
        Policy policy = policies.inForceAt(now);
        return new Overview(policy, tierCounts(scope, policy), recentDrops(scope, now), nearThreshold(scope, policy, now),
                notices.listNewestFirst(PageRequest.first(ROWS)).items(), now);
    }

    /** Every anchor's from memory; a scoped caller's by reading its guilds' members, a page at a time. */
    private Map<Tier, Long> tierCounts(Scope scope, Policy policy) {
        if (!scope.restricted()) {
            return index.tierCounts(policy.thresholds());
        }
        Map<Tier, Long> counts = new EnumMap<>(Tier.class);
        for (Tier tier : Tier.values()) {
            counts.put(tier, 0L);
        }
        AnchorFilter members = new AnchorFilter(Integer.MIN_VALUE, Integer.MAX_VALUE, scope.guilds());
        PageRequest page = PageRequest.first(MEMBERS_PAGE);
        while (true) {
            Page<AnchorRecord> found = anchors.list(members, page);
            found.items().forEach(record ->
                    counts.merge(policy.thresholds().tierFor(index.factsOf(record).score()), 1L, Long::sum));
            if (found.nextAfter().isEmpty()) {
                return counts;
            }
            page = new PageRequest(MEMBERS_PAGE, found.nextAfter());
        }
    }

    /** A scoped caller's drops are looked for among more of the newest, then filtered to what it sees. */
    private List<StandingChange> recentDrops(Scope scope, Instant now) {
        if (!scope.restricted()) {
            return outbox.tierDropsSince(now.minus(RECENT), ROWS);
        }
        List<StandingChange> drops = outbox.tierDropsSince(now.minus(RECENT), ROWS * SCOPED_DROPS_FACTOR);
        Set<AnchorId> visible = scopeChecks.visible(scope, drops.stream().map(StandingChange::anchorId).toList());
        return drops.stream().filter(drop -> visible.contains(drop.anchorId())).limit(ROWS).toList();
    }

    /** Anchors whose score is at most the warning margin above the floor of their tier, closest first. */
    private List<AnchorView> nearThreshold(Scope scope, Policy policy, Instant now) {
        List<AnchorView> near = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            if (tier == Tier.REVOKED) {
                continue;
            }
            int floor = policy.thresholds().floorOf(tier);
            anchors.list(new AnchorFilter(floor, floor + policy.warningMargin(), scope.guilds()),
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
