package com.anchorhealth.application.appeal;

import com.anchorhealth.application.guild.GuildPenalties;
import com.anchorhealth.application.port.out.anchor.Ledger;
import com.anchorhealth.application.port.out.anchor.ViolationWithFacts;
import com.anchorhealth.application.port.out.anchor.Violations;
import com.anchorhealth.application.write.WriteTerms;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.anchor.LatestCounted;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What an overturned violation changes, in the decision's transaction: it leaves the score (a
 * RESTORATION entry takes it to the replay without it) and every fact it held up (selling, its live
 * session, the last violation time), and its guild gets back the points it cost. The writer of anchor
 * changes writes the entry and the anchor after it. It reads a slice of the anchor's history, not the
 * whole: the ledger from the violation on, and its latest violations back to the latest that still
 * counts (of its live session, where that is still held), or one row of aggregates over them.
 */
@Singleton
final class OverturnWriter {
    /** The latest violations read: for all but a burst, they hold the latest that counts, of a heavy offender's too. */
    static final int NEWEST_READ = 64;

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
        LatestCounted without = latestCounted(before, violation, terms);
        penalties.restoreMember(violation, terms.now(), actor);
        return before.overturn(violation, tail, without, terms.policy(), terms.now(), actor);
    }

    /**
     * The ledger from where the replay starts (see {@link Anchor#overturnReplaysFrom}). A violation the
     * tail restores is looked up only when the tail does not hold its deduction after its first entry:
     * only such a one can have been recorded at or before it.
     */
    private List<ScoreEvent> replayTail(AnchorId anchorId, RecordedViolation violation) {
        int from = Math.max(1, violation.ledgerSequence() - 1);
        while (true) {
            List<ScoreEvent> tail = ledger.entriesFrom(anchorId, from);
            Set<String> deductedInTail = new HashSet<>();
            for (ScoreEvent entry : tail) {
                if (entry.kind() == ScoreEventKind.DEDUCTION && entry.sequence() > from) {
                    entry.violationId().ifPresent(deductedInTail::add);
                }
            }
            List<Integer> restored = new ArrayList<>();
            for (ScoreEvent entry : tail) {
                entry.violationId().filter(id -> entry.kind() == ScoreEventKind.RESTORATION
                        && !deductedInTail.contains(id)).flatMap(id -> violations.find(anchorId, id))
                        .ifPresent(overturned -> restored.add(overturned.ledgerSequence()));
            }
            int start = Anchor.overturnReplaysFrom(from, restored);
            if (start == from) {
                return tail;
            }
            from = start;
        }
    }

    /**
     * What the anchor's other violations say: from its latest ones, one read, when they are enough (see
     * {@link Anchor#overturnSeesEnough}); else from all its counted ones, in one statement that returns
     * one row (a burst of violations within the hour, or none counting any more).
     */
    private LatestCounted latestCounted(Anchor before, RecordedViolation overturned, WriteTerms terms) {
        List<RecordedViolation> newest = violations.newest(overturned.anchorId(), NEWEST_READ).stream()
                .map(ViolationWithFacts::violation).toList();
        if (newest.size() < NEWEST_READ
                || before.overturnSeesEnough(overturned, newest, terms.policy(), terms.now())) {
            return LatestCounted.among(overturned, newest);
        }
        return violations.latestCounted(overturned);
    }
}
