package com.anchorhealth.application.usecase;

import com.anchorhealth.application.port.out.ChangeCause;
import com.anchorhealth.application.port.out.IdGenerator;
import com.anchorhealth.application.port.out.StandingChange;
import com.anchorhealth.application.port.out.StandingOutbox;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.Standing;

import java.time.Instant;
import java.util.Optional;

/**
 * The outbox row of a change to an anchor, written whenever anything a capability check reads
 * differs (score, selling revocations, sessions with a violation, the last violation time), not only
 * the score or tier: every instance's cache follows the feed, so a change missing from it would
 * leave the other instances answering from stale facts.
 */
final class StandingChangeWriter {
    private final StandingOutbox outbox;
    private final IdGenerator ids;

    StandingChangeWriter(StandingOutbox outbox, IdGenerator ids) {
        this.outbox = outbox;
        this.ids = ids;
    }

    /** {@code before} is empty for a new anchor, whose whole standing is new. */
    void write(Optional<Anchor> before, Anchor after, Policy policy, Instant at, ChangeCause cause,
               Optional<String> violationId) {
        changeOf(before, after, policy, at, cause, violationId).ifPresent(outbox::append);
    }

    /** The row to write, or empty when nothing a check reads differs. */
    Optional<StandingChange> changeOf(Optional<Anchor> before, Anchor after, Policy policy, Instant at,
                                      ChangeCause cause, Optional<String> violationId) {
        if (before.isPresent() && before.get().facts().equals(after.facts())) {
            return Optional.empty();
        }
        Standing updated = after.standingAt(policy, at);
        Standing old = before.map(anchor -> anchor.standingAt(policy, at)).orElse(updated);
        return Optional.of(new StandingChange(ids.newId(), after.anchorId(), after.score().ledgerSequence(),
                old.score(), updated.score(), old.tier(), updated.tier(), updated.deniedCapabilities(), cause,
                violationId, at));
    }
}
