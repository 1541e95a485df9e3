package com.anchorhealth.application.write;

import com.anchorhealth.application.port.out.IdGenerator;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.Standing;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.Optional;

/**
 * The standing change of a change to an anchor, written whenever anything a capability check reads
 * differs (score, selling revocations, sessions with a violation, the last violation time), not only
 * the score or tier: every instance's cache follows the feed, so a change missing from it would
 * leave the other instances answering from stale facts.
 */
@Singleton
public final class StandingChanges {
    private final IdGenerator ids;

    @Inject
    public StandingChanges(IdGenerator ids) {
        this.ids = ids;
    }

    /**
     * The change from {@code before} (empty for a new anchor, whose whole standing is new) to
     * {@code after}, or empty when nothing a check reads differs.
     */
    public Optional<StandingChange> changeOf(Optional<Anchor> before, Anchor after, Policy policy, Instant at,
                                             ChangeCause cause, Optional<String> violationId) {
        if (before.isPresent() && !after.checksDifferFrom(before.get())) {
            return Optional.empty();
        }
        Standing updated = after.standingAt(policy, at);
        return Optional.of(row(ids.newId(), before.map(anchor -> anchor.standingAt(policy, at)).orElse(updated), updated,
                after, cause, violationId, at));
    }
    /** The standing change of a ledger entry appended in a group written under {@code terms}. */
    public Optional<StandingChange> changeOf(Anchor.Change change, WriteTerms terms, ChangeCause cause,
                                             Optional<String> violationId) {
        return changeOf(Optional.of(change.before()), change.after(), terms.policy(), terms.now(), cause, violationId);
    }

    /**
     * The row of a recorded violation, from the standings the aggregate evaluated; empty as above. The
     * violation is the change: they share its id.
     */
    public Optional<StandingChange> changeOf(Anchor.ViolationChange change, Instant at) {
        if (!change.changesChecks()) {
            return Optional.empty();
        }
        String violationId = change.violation().violationId();
        return Optional.of(row(violationId, change.standingBefore(), change.standingAfter(), change.after(),
                ChangeCause.VIOLATION_RECORDED, Optional.of(violationId), at));
    }

    private static StandingChange row(String changeId, Standing old, Standing updated, Anchor after, ChangeCause cause,
                                      Optional<String> violationId, Instant at) {
        return new StandingChange(changeId, after.anchorId(), after.score().ledgerSequence(), old.score(),
                updated.score(), old.tier(), updated.tier(), updated.deniedCapabilities(), cause, violationId, at);
    }
}
