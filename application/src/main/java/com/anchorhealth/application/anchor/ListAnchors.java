package com.anchorhealth.application.anchor;

import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.FieldChecks;
import com.anchorhealth.application.list.CountedPage;
import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.AnchorFilter;
import com.anchorhealth.application.port.out.anchor.AnchorOrder;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.policy.Thresholds;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.vocabulary.AnchorProfile;
import com.anchorhealth.domain.vocabulary.Tier;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Pages through anchors for the back office, filtered by tier (the score range of the tier under
 * the policy in force), guild, score range and a search text, in id, name or score order (sorted by
 * the store or the standing index, see {@link AnchorLists}), counted when asked. Standings come from
 * the in-memory index, one per anchor.
 */
@Singleton
public final class ListAnchors {
    private final AnchorLists lists;
    private final PolicyBook policies;
    private final StandingIndex index;
    private final Clock clock;

    @Inject
    public ListAnchors(AnchorLists lists, PolicyBook policies, StandingIndex index, Clock clock) {
        this.lists = lists;
        this.policies = policies;
        this.index = index;
        this.clock = clock;
    }

    /**
     * What the back office searches by: a tier (its score range under the policy in force), a guild, a
     * score range, and a text matched against anchor ids (prefix) and display names (anywhere, any case);
     * and the order of the list.
     */
    public record Query(Optional<Tier> tier, Optional<String> guildId, int minScore, int maxScore,
                        Optional<String> text, AnchorOrder order) {
        public static final int MAX_TEXT_LENGTH = AnchorProfile.MAX_DISPLAY_NAME_LENGTH;

        public Query {
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(guildId, "guildId");
            Objects.requireNonNull(order, "order");
            text = text.map(String::strip).filter(t -> !t.isEmpty());
            new FieldChecks()
                    .check(minScore <= maxScore, "min_score", "must not be above max_score")
                    .check(text.map(t -> FieldChecks.isText(t, MAX_TEXT_LENGTH)).orElse(true), "text",
                            "must be at most " + MAX_TEXT_LENGTH + " characters, no control characters")
                    .throwIfAny();
        }

        /** In id order. */
        public Query(Optional<Tier> tier, Optional<String> guildId, int minScore, int maxScore, Optional<String> text) {
            this(tier, guildId, minScore, maxScore, text, AnchorOrder.ID);
        }

        public static Query of(Optional<Tier> tier, Optional<String> guildId) {
            return new Query(tier, guildId, Integer.MIN_VALUE, Integer.MAX_VALUE, Optional.empty());
        }
    }

    public Page<AnchorView> list(Scope scope, Optional<Tier> tier, Optional<String> guildId, PageRequest page) {
        return list(scope, Query.of(tier, guildId), page);
    }

    /** The anchors the query finds among those the scope sees. */
    public Page<AnchorView> list(Scope scope, Query query, PageRequest page) {
        Instant now = clock.instant();
        Policy policy = policies.inForceAt(now);
        return filterOf(scope, query, policy).map(filter -> list(filter, query.order(), page, policy, now))
                .orElseGet(() -> new Page<>(List.of(), Optional.empty()));
    }

    /**
     * A page lined up with the pages from the start, with how many anchors the query holds and how
     * many of them come before the page.
     */
    public CountedPage<AnchorView> counted(Scope scope, Query query, PageRequest page) {
        Instant now = clock.instant();
        Policy policy = policies.inForceAt(now);
        return filterOf(scope, query, policy).map(filter -> {
            Page<AnchorView> found = page.readAlignedToStart(request -> list(filter, query.order(), request, policy,
                    now));
            ListCount count = lists.count(filter, query.order(), found.previousBefore());
            return new CountedPage<>(found, count.total(), count.before());
        }).orElseGet(CountedPage::empty);
    }

    private Page<AnchorView> list(AnchorFilter filter, AnchorOrder order, PageRequest page, Policy policy,
                                  Instant now) {
        return lists.list(filter, order, page).map(record -> new AnchorView(record, standingOf(record, policy, now)));
    }

    /**
     * The store's filter of a query among the anchors the scope sees: its tier is a score range under
     * the policy; none when nothing can match.
     */
    private static Optional<AnchorFilter> filterOf(Scope scope, Query query, Policy policy) {
        int min = query.minScore();
        int max = query.maxScore();
        if (query.tier().isPresent()) {
            Thresholds thresholds = policy.thresholds();
            min = Math.max(min, thresholds.floorOf(query.tier().get()));
            max = Math.min(max, thresholds.ceilingOf(query.tier().get()));
        }
        Optional<Set<String>> guilds = query.guildId().<Set<String>>map(Set::of).or(scope::guilds);
        if (min > max || !query.guildId().map(scope::seesGuild).orElse(true)) {
            return Optional.empty();
        }
        return Optional.of(new AnchorFilter(min, max, guilds, query.text()));
    }

    private Standing standingOf(AnchorRecord record, Policy policy, Instant now) {
        return Standing.evaluate(policy, record.profile().anchorId(), index.factsOf(record), now);
    }
}
