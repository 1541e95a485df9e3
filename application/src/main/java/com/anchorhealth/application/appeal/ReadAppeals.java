package com.anchorhealth.application.appeal;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.list.CountedPage;
import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.appeal.AppealFilter;
import com.anchorhealth.application.port.out.appeal.Appeals;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.appeal.AppealState;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Appeals for the back office: one, or a page of one anchor's or every anchor's, oldest filed first
 * and optionally in one state (the queue to decide is {@code PENDING}). Each comes with its violation
 * and the anchor's standing now, from the in-memory index.
 */
@Singleton
public final class ReadAppeals {
    private final Appeals appeals;
    private final Anchors anchors;
    private final PolicyBook policies;
    private final StandingIndex index;
    private final Clock clock;

    @Inject
    public ReadAppeals(Appeals appeals, Anchors anchors, PolicyBook policies, StandingIndex index, Clock clock) {
        this.appeals = appeals;
        this.anchors = anchors;
        this.policies = policies;
        this.index = index;
        this.clock = clock;
    }

    public AppealView get(Scope scope, AnchorId anchorId, String violationId) {
        Appeal appeal = appeals.find(anchorId, violationId)
                .orElseThrow(() -> new NotFoundException("Appeal", AnchorNames.appeal(anchorId, violationId)));
        if (scope.restricted()) {
            ScopeChecks.seen(scope, anchorId, anchors.find(anchorId));
        }
        return withStandingsNow(new Page<>(List.of(appeal), Optional.empty())).items().get(0);
    }

    /**
     * {@code anchorId} empty: the appeals of every anchor the scope sees; a named anchor must exist
     * and be seen.
     */
    public Page<AppealView> list(Scope scope, Optional<AnchorId> anchorId, Optional<AppealState> state,
                                 PageRequest page) {
        anchorId.ifPresent(id -> ScopeChecks.seen(scope, id, anchors.find(id)));
        return withStandingsNow(appeals.list(new AppealFilter(anchorId, state, scope.guilds()), page));
    }

    /**
     * A page of the appeals of every anchor the scope sees (of the members of {@code guildId} only, when
     * given), lined up with the pages from the start, with how many the filter holds and how many come
     * before the page. A guild the scope does not see has no appeals.
     */
    public CountedPage<AppealView> counted(Scope scope, Optional<String> guildId, Optional<AppealState> state,
                                           PageRequest page) {
        if (!guildId.map(scope::seesGuild).orElse(true)) {
            return new CountedPage<>(new Page<>(List.of(), Optional.empty()), 0, 0);
        }
        AppealFilter filter = new AppealFilter(Optional.empty(), state,
                guildId.<Set<String>>map(Set::of).or(scope::guilds));
        Page<AppealView> found = page.readAlignedToStart(request -> withStandingsNow(appeals.list(filter, request)));
        ListCount count = appeals.count(filter, found.previousBefore());
        return new CountedPage<>(found, count.total(), count.before());
    }

    /** The anchors of a page are read in one round trip. */
    private Page<AppealView> withStandingsNow(Page<Appeal> found) {
        Instant now = clock.instant();
        Policy policy = policies.inForceAt(now);
        Map<AnchorId, AnchorRecord> records = anchors.findAll(found.items().stream()
                        .map(appeal -> appeal.violation().anchorId()).distinct().toList()).stream()
                .collect(Collectors.toMap(record -> record.profile().anchorId(), Function.identity()));
        return found.map(appeal -> {
            AnchorId anchorId = appeal.violation().anchorId();
            Standing standing = Standing.evaluate(policy, anchorId, index.factsOf(records.get(anchorId)), now);
            return new AppealView(appeal, standing);
        });
    }
}
