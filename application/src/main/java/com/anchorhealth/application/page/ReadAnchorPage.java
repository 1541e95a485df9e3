package com.anchorhealth.application.page;

import com.anchorhealth.application.anchor.AnchorView;
import com.anchorhealth.application.anchor.GetAnchor;
import com.anchorhealth.application.anchor.ListScoreEvents;
import com.anchorhealth.application.appeal.AppealView;
import com.anchorhealth.application.appeal.ReadAppeals;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.capability.CheckCapability;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.violation.ListViolations;
import com.anchorhealth.application.violation.ViolationView;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.CapabilityDecision;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An anchor's page in one read: its profile and standing, every capability's decision, a page of its
 * violations and one of its ledger (each lined up with its newest page), the appeals of its violations,
 * the newest of its ledger for the timeline, and the policy in force.
 */
@Singleton
public final class ReadAnchorPage {
    /** The size of the pages the anchor's appeals are read in. */
    private static final int APPEALS_PAGE = 1000;

    private final GetAnchor anchors;
    private final CheckCapability checks;
    private final ListViolations violations;
    private final ListScoreEvents scoreEvents;
    private final ReadAppeals appeals;
    private final PolicyBook policies;
    private final Clock clock;

    @Inject
    public ReadAnchorPage(GetAnchor anchors, CheckCapability checks, ListViolations violations,
                          ListScoreEvents scoreEvents, ReadAppeals appeals, PolicyBook policies, Clock clock) {
        this.anchors = anchors;
        this.checks = checks;
        this.violations = violations;
        this.scoreEvents = scoreEvents;
        this.appeals = appeals;
        this.policies = policies;
        this.clock = clock;
    }

    /** Which page of the violations and of the ledger; how many of the newest entries the timeline and the appeals take. */
    public record Query(AnchorId anchorId, PageRequest violations, PageRequest ledger, int historyEntries) {
        public Query {
            Objects.requireNonNull(anchorId, "anchorId");
            Objects.requireNonNull(violations, "violations");
            Objects.requireNonNull(ledger, "ledger");
        }
    }

    /** {@code appeals}: the appeals of the newest violations, by violation id; {@code timeline}: the newest ledger entries, oldest first. */
    public record AnchorPage(AnchorView anchor, List<CapabilityDecision> decisions, Page<ViolationView> violations,
                             Page<ScoreEvent> ledger, Map<String, Appeal> appeals, List<ScoreEvent> timeline,
                             Policy policy) {
    }

    /** NOT_FOUND for an anchor the scope does not see, as for one that does not exist. */
    public AnchorPage read(Scope scope, Query query) {
        AnchorId anchorId = query.anchorId();
        AnchorView anchor = anchors.get(scope, anchorId, Optional.empty());
        List<CapabilityDecision> decisions = checks.checkAll(scope, Arrays.stream(Capability.values())
                .map(capability -> new CheckCapability.Query(anchorId, capability, Optional.empty())).toList());
        Page<ViolationView> recorded = query.violations()
                .readAlignedToEnd(request -> violations.list(scope, anchorId, request));
        Page<ScoreEvent> entries = query.ledger().readAlignedToEnd(request -> scoreEvents.list(scope, anchorId, request));
        Map<String, Appeal> appealsByViolation = newest(page -> appeals.list(scope, Optional.of(anchorId),
                Optional.empty(), page), query.historyEntries()).stream()
                .collect(Collectors.toMap(view -> view.appeal().violation().violationId(), AppealView::appeal));
        return new AnchorPage(anchor, decisions, recorded, entries, appealsByViolation,
                scoreEvents.newest(scope, anchorId, query.historyEntries()), policies.inForceAt(clock.instant()));
    }

    /** The last {@code count} items of everything the pages hold, read page after page. */
    private static <T> List<T> newest(Function<PageRequest, Page<T>> pages, int count) {
        Deque<T> newest = new ArrayDeque<>(count);
        Optional<String> after = Optional.empty();
        do {
            Page<T> page = pages.apply(new PageRequest(APPEALS_PAGE, after));
            for (T item : page.items()) {
                if (newest.size() == count) {
                    newest.removeFirst();
                }
                newest.addLast(item);
            }
            after = page.nextAfter();
        } while (after.isPresent());
        return List.copyOf(newest);
    }
}
