package com.anchorhealth.application.appeal;

import com.anchorhealth.application.guild.GuildPenalties;
import com.anchorhealth.application.port.out.anchor.Ledger;
import com.anchorhealth.application.port.out.anchor.Violations;
import com.anchorhealth.application.write.WriteTerms;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * What an overturned violation changes, in the decision's transaction: it leaves the score (a
 * RESTORATION entry takes it to the replay without it) and every fact it held up (selling, its live
 * session, the last violation time), and its guild gets back the points it cost. The writer of anchor
 * changes writes the entry and the anchor after it.
 */
@Singleton
final class OverturnWriter {
    private final Violations violations;
    private final Ledger ledger;
    private final GuildPenalties penalties;

    @Inject
    OverturnWriter(Violations violations, Ledger ledger, GuildPenalties penalties) {
        this.violations = violations;
        this.ledger = ledger;
        this.penalties = penalties;
    }

    /** {@code before}: the anchor as the writer locked it; its guilds charged are locked too. */
    Anchor.Change write(Anchor before, RecordedViolation violation, WriteTerms terms, String actor) {
        AnchorId anchorId = violation.anchorId();
        violations.updateState(anchorId, violation.violationId(), ViolationState.OVERTURNED);
        List<RecordedViolation> all = violations.listAll(anchorId);
        List<ScoreEvent> tail = ledger.entriesFrom(anchorId, Anchor.overturnReplaysFrom(all, violation));
        penalties.restoreMember(violation, terms.now(), actor);
        return before.overturn(violation.violationId(), all, tail, terms.policy(), terms.now(), actor);
    }
}
