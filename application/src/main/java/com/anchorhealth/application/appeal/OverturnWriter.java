package com.anchorhealth.application.appeal;

import com.anchorhealth.application.guild.GuildPenalties;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.anchor.Ledger;
import com.anchorhealth.application.port.out.anchor.Violations;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.write.LedgerWrites;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an overturned violation changes, in the decision's transaction: it leaves the score (a
 * RESTORATION entry takes it to the replay without it) and every fact it held up (selling, its live
 * session, the last violation time), and its guild gets back the points it cost.
 */
@Singleton
final class OverturnWriter {
    private final Anchors anchors;
    private final Violations violations;
    private final Ledger ledger;
    private final LedgerWrites ledgerWrites;
    private final GuildPenalties penalties;
    private final PolicyBook policies;

    @Inject
    OverturnWriter(Anchors anchors, Violations violations, Ledger ledger, LedgerWrites ledgerWrites,
                   GuildPenalties penalties, PolicyBook policies) {
        this.anchors = anchors;
        this.violations = violations;
        this.ledger = ledger;
        this.ledgerWrites = ledgerWrites;
        this.penalties = penalties;
        this.policies = policies;
    }

    /** {@code before}: the anchor as the caller locked it. */
    void write(Anchor before, RecordedViolation violation, Instant now, String actor) {
        AnchorId anchorId = violation.anchorId();
        violations.updateState(anchorId, violation.violationId(), ViolationState.OVERTURNED);
        List<RecordedViolation> all = violations.listAll(anchorId);
        List<ScoreEvent> tail = ledger.entriesFrom(anchorId, Anchor.overturnReplaysFrom(all, violation));
        Anchor.Change restored = before.overturn(violation.violationId(), all, tail, policies.inForceAt(now), now,
                actor);
        // The guild's lock before the feed's counter, which the entry's write takes: every writer takes
        // the counter last, so no two wait for each other.
        penalties.restoreMember(violation, now, actor);
        ledgerWrites.append(restored, now, ChangeCause.APPEAL_OVERTURNED, Optional.of(violation.violationId()));
    }

    /** After the decision commits: checks see the anchor as it stands then. */
    void publish(AnchorId anchorId) {
        ledgerWrites.publish(anchors.find(anchorId).orElseThrow().anchor());
    }
}
