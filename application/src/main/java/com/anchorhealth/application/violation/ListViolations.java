package com.anchorhealth.application.violation;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.anchor.ViolationWithFacts;
import com.anchorhealth.application.port.out.anchor.Violations;
import com.anchorhealth.application.standing.StandingReader;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/** Reads an anchor's violations, each with the standing right after it. */
@Singleton
public final class ListViolations {
    private final Anchors anchors;
    private final Violations violations;
    private final StandingReader standings;

    @Inject
    public ListViolations(Anchors anchors, Violations violations, StandingReader standings) {
        this.anchors = anchors;
        this.violations = violations;
        this.standings = standings;
    }

    public Page<ViolationView> list(Scope scope, AnchorId anchorId, PageRequest page) {
        requireAnchor(scope, anchorId);
        Page<ViolationWithFacts> found = violations.list(anchorId, page);
        return found.withItems(views(anchorId, found.items()));
    }

    /** The newest {@code count} violations, in recording order: what a console shows of a long history. */
    public List<ViolationView> newest(Scope scope, AnchorId anchorId, int count) {
        requireAnchor(scope, anchorId);
        return views(anchorId, violations.newest(anchorId, count));
    }

    private List<ViolationView> views(AnchorId anchorId, List<ViolationWithFacts> found) {
        List<Standing> after = standings.afterEachAsKept(anchorId, found);
        List<ViolationView> views = new ArrayList<>(found.size());
        for (int i = 0; i < found.size(); i++) {
            views.add(new ViolationView(found.get(i).violation(), after.get(i)));
        }
        return views;
    }

    public ViolationView get(Scope scope, AnchorId anchorId, String violationId) {
        if (scope.restricted()) {
            requireAnchor(scope, anchorId);
        }
        String name = AnchorNames.violation(anchorId, violationId);
        RecordedViolation violation = violations.find(anchorId, violationId)
                .orElseThrow(() -> new NotFoundException("Violation", name));
        return new ViolationView(violation, standings.afterEach(anchorId, List.of(violation)).get(0));
    }

    private void requireAnchor(Scope scope, AnchorId anchorId) {
        ScopeChecks.seen(scope, anchorId, anchors.find(anchorId));
    }
}
