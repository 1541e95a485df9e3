package com.anchorhealth.application.appeal;

import com.anchorhealth.application.guild.GuildPenalties;
import com.anchorhealth.application.port.out.anchor.Ledger;
import com.anchorhealth.application.port.out.anchor.ViolationWithFacts;
import com.anchorhealth.application.port.out.anchor.Violations;
import com.anchorhealth.application.write.WriteTerms;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;

/**
 * What an overturned violation changes, in the decision's transaction: it leaves the score (a
 * RESTORATION entry takes it to the replay without it) and every fact it held up (selling, its live
 * session, the last violation time), and its guild gets back the points it cost. The writer of anchor
 * changes writes the entry and the anchor after it. It reads a slice of the anchor's history, not the
 * whole: the ledger from the violation on, and the latest violations back to the oldest hold that may
 * still be open.
 */
@Singleton
final class OverturnWriter {
    /** Violations read back at first: a month of a heavy offender's, in one read. */
    static final int FIRST_READ = 64;

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
        List<ScoreEvent> tail = replayTail(anchorId, violation);
        List<RecordedViolation> newest = newestEnough(anchorId, terms);
        penalties.restoreMember(violation, terms.now(), actor);
        return before.overturn(violation, tail, newest, terms.policy(), terms.now(), actor);
    }

    /** The ledger from where the replay starts (see {@link Anchor#overturnReplaysFrom}). */
    private List<ScoreEvent> replayTail(AnchorId anchorId, RecordedViolation violation) {
        int from = Math.max(1, violation.ledgerSequence() - 1);
        while (true) {
            List<ScoreEvent> tail = ledger.entriesFrom(anchorId, from);
            List<Integer> restored = new ArrayList<>();
            for (ScoreEvent entry : tail) {
                if (entry.kind() == ScoreEventKind.RESTORATION && entry.violationId().isPresent()) {
                    violations.find(anchorId, entry.violationId().get())
                            .ifPresent(overturned -> restored.add(overturned.ledgerSequence()));
                }
            }
            int start = Anchor.overturnReplaysFrom(from, restored);
            if (start == from) {
                return tail;
            }
            from = start;
        }
    }

    /** The anchor's latest violations, read back in growing steps until they are enough for an overturn. */
    private List<RecordedViolation> newestEnough(AnchorId anchorId, WriteTerms terms) {
        for (int count = FIRST_READ; ; count *= 4) {
            List<RecordedViolation> newest = violations.newest(anchorId, count).stream()
                    .map(ViolationWithFacts::violation).toList();
            if (newest.size() < count || Anchor.overturnSeesEnough(newest, terms.policy(), terms.now())) {
                return newest;
            }
        }
    }
}
