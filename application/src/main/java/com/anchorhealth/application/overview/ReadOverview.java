package com.anchorhealth.application.overview;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.anchor.AnchorLists;
import com.anchorhealth.application.anchor.AnchorView;
import com.anchorhealth.application.appeal.AppealView;
import com.anchorhealth.application.appeal.ReadAppeals;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.AnchorFilter;
import com.anchorhealth.application.port.out.anchor.AnchorOrder;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.application.port.out.feed.StandingOutbox;
import com.anchorhealth.application.port.out.guild.GuildFilter;
import com.anchorhealth.application.port.out.guild.Guilds;
import com.anchorhealth.application.port.out.guild.PublicNotices;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.appeal.AppealState;
import com.anchorhealth.domain.guild.Guild;
import com.anchorhealth.domain.guild.GuildStatus;
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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The back office's first page in one read: how many anchors stand on each tier (from memory), which
 * dropped a tier in the last day (from the change feed's outbox), which stand within the policy's
 * warning margin above a threshold, the guilds near removal, the oldest pending appeals, and the
 * latest public notices.
 */
@Singleton
public final class ReadOverview {
    public static final Duration RECENT = Duration.ofHours(24);
    /** Rows of each list: the page is a summary, the anchors page has the rest. */
    public static final int ROWS = 10;
    private static final int MEMBERS_PAGE = 1000;
    /** How many of the newest drops the overview looks through for ten anchors (an anchor may drop twice). */
    private static final int DROPS_READ_FACTOR = 20;
    /** Points above the removal line at which a guild is shown as near it. */
    public static final int NEAR_REMOVAL = 10;
    private static final int NEAR_REMOVAL_READ = 200;

    private final StandingIndex index;
    private final StandingOutbox outbox;
    private final Anchors anchors;
    private final AnchorLists lists;
    private final PublicNotices notices;
    private final PolicyBook policies;
    private final ScopeChecks scopeChecks;
    private final Guilds guilds;
    private final ReadAppeals appeals;
    private final Clock clock;

    @Inject
    public ReadOverview(StandingIndex index, StandingOutbox outbox, Anchors anchors, AnchorLists lists,
                        PublicNotices notices, PolicyBook policies, ScopeChecks scopeChecks, Guilds guilds,
                        ReadAppeals appeals, Clock clock) {
        this.guilds = guilds;
        this.appeals = appeals;
        this.scopeChecks = scopeChecks;
        this.index = index;
        this.outbox = outbox;
        this.anchors = anchors;
        this.lists = lists;
        this.notices = notices;
        this.policies = policies;
        this.clock = clock;
    }

    /**
     * {@code names}: the display names of the anchors the drops name; {@code nearRemoval}: active guilds
     * within {@link #NEAR_REMOVAL} points above the removal line, closest first; {@code pendingAppeals}:
     * the oldest pending appeals.
     */
    public record Overview(Policy policy, Map<Tier, Long> tiers, List<StandingChange> recentDrops,
                           Map<AnchorId, String> names, List<AnchorView> nearThreshold, List<Guild> nearRemoval,
                           List<AppealView> pendingAppeals, List<PublicNotice> latestNotices, Instant asOf) {
        public String nameOf(AnchorId anchorId) {
            return names.getOrDefault(anchorId, anchorId.value());
        }
    }

    /** The overview of the anchors the scope sees: a guild manager's is its guilds'. */
    public Overview read(Scope scope) {
        Instant now = clock.instant();
        Policy policy = policies.inForceAt(now);
        List<StandingChange> drops = recentDrops(scope, now);
        Map<AnchorId, String> names = anchors.findAll(drops.stream().map(StandingChange::anchorId).toList()).stream()
                .collect(Collectors.toMap(record -> record.profile().anchorId(), record -> record.profile().displayName()));
        return new Overview(policy, tierCounts(scope, policy), drops, names, nearThreshold(scope, policy, now),
                nearRemoval(scope, policy), appeals.list(scope, Optional.empty(), Optional.of(AppealState.PENDING),
                        PageRequest.first(ROWS)).items(),
                notices.listNewestFirst(PageRequest.first(ROWS)).items(), now);
    }

    /** Active guilds a few points above the removal line, closest first: the ones to warn before they fall. */
    private List<Guild> nearRemoval(Scope scope, Policy policy) {
        int line = policy.guildRules().removalAtOrBelow();
        return guilds.list(new GuildFilter(Optional.of(GuildStatus.ACTIVE), line + 1, line + NEAR_REMOVAL,
                        scope.guilds()), PageRequest.first(NEAR_REMOVAL_READ)).items().stream()
                .sorted(Comparator.comparingInt(Guild::score).thenComparing(Guild::guildId))
                .limit(ROWS)
                .toList();
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

    /**
     * The newest drop of each anchor that dropped (one row per anchor), among more of the newest drops
     * than the page shows; a scoped caller's filtered to what it sees.
     */
    private List<StandingChange> recentDrops(Scope scope, Instant now) {
        List<StandingChange> drops = outbox.tierDropsSince(now.minus(RECENT), ROWS * DROPS_READ_FACTOR);
        Set<AnchorId> visible = scopeChecks.visible(scope, drops.stream().map(StandingChange::anchorId).toList());
        Set<AnchorId> shown = new HashSet<>();
        return drops.stream().filter(drop -> visible.contains(drop.anchorId()) && shown.add(drop.anchorId()))
                .limit(ROWS).toList();
    }

    /** Anchors whose score is at most the warning margin above the floor of their tier, closest first. */
    private List<AnchorView> nearThreshold(Scope scope, Policy policy, Instant now) {
        List<AnchorView> near = new ArrayList<>();
        for (Tier tier : Tier.values()) {
            if (tier == Tier.REVOKED) {
                continue;
            }
            int floor = policy.thresholds().floorOf(tier);
            lists.list(new AnchorFilter(floor, floor + policy.warningMargin(), scope.guilds()), AnchorOrder.ID,
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
