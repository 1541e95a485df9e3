package com.anchorhealth.application.usecase;

import com.anchorhealth.application.port.out.ChangeCause;
import com.anchorhealth.application.port.out.IdGenerator;
import com.anchorhealth.application.port.out.StandingChange;
import com.anchorhealth.application.port.out.StandingOutbox;
import com.anchorhealth.domain.sanction.Standing;

import java.util.Optional;

/** Writes a standing change to the outbox when score, tier or denied capabilities differ. */
final class StandingChangeWriter {
    private final StandingOutbox outbox;
    private final IdGenerator ids;

    StandingChangeWriter(StandingOutbox outbox, IdGenerator ids) {
        this.outbox = outbox;
        this.ids = ids;
    }

    /** {@code before} is empty for a new anchor, whose whole standing is new. */
    void write(Optional<Standing> before, Standing after, int anchorSequence, ChangeCause cause,
               Optional<String> violationId) {
        changeOf(before, after, anchorSequence, cause, violationId).ifPresent(outbox::append);
    }

    /** The change to write, or empty when score, tier and denied capabilities are as they were. */
    Optional<StandingChange> changeOf(Optional<Standing> before, Standing after, int anchorSequence,
                                      ChangeCause cause, Optional<String> violationId) {
        boolean changed = before.map(old -> old.score() != after.score() || old.tier() != after.tier()
                || !old.deniedCapabilities().equals(after.deniedCapabilities())).orElse(true);
        if (!changed) {
            return Optional.empty();
        }
        Standing old = before.orElse(after);
        return Optional.of(new StandingChange(ids.newId(), after.anchorId(), anchorSequence, old.score(),
                after.score(), old.tier(), after.tier(), after.deniedCapabilities(), cause, violationId,
                after.asOf()));
    }
}
