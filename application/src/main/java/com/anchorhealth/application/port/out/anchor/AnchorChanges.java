package com.anchorhealth.application.port.out.anchor;

import com.anchorhealth.application.error.StoreConflictException;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The write side of anchors: lock the anchors of a group, then write what their changes produced,
 * each table in one statement, inside the caller's transaction.
 */
public interface AnchorChanges {
    /**
     * Reads and locks the anchors that exist among these, in id order (so that lockers cannot
     * deadlock); with {@link Locking#SKIP_HELD}, those another transaction holds are left unlocked and
     * named instead.
     */
    Locked lockAll(Collection<AnchorId> anchorIds, Locking locking);

    /** Writes the changes of a group of anchors, locked by {@link #lockAll} in this transaction. */
    void write(Written written, Instant at);

    /**
     * {@link #write}, as the last statement of the transaction: a store that can sends the commit in
     * the same round trip, so that what the write locks is held for no round trip more. Nothing may be
     * written after it in this transaction. Returns the standing changes at the feed positions the
     * write gave them, in the order written, learnt in the same round trip: this server's feed tailer
     * then need not read them back.
     */
    List<PositionedChange> writeLast(Written written, Instant at);

    /**
     * The anchors a group holds, in id order, and those that exist but another transaction held (none
     * when it waited).
     */
    record Locked(Map<AnchorId, AnchorRecord> rows, Set<AnchorId> held) {
        public Locked {
            rows = Collections.unmodifiableMap(new LinkedHashMap<>(rows));
            held = Set.copyOf(held);
        }
    }

    /**
     * New violations, each with the request key of the call that made it (a key taken meanwhile fails
     * the write with {@link StoreConflictException}), ledger entries, the anchors' new standings and
     * the standing changes they cause (each kept on its violation's row, or its ledger entry's).
     */
    record Written(List<NewViolation> violations, List<ScoreEvent> entries, List<Anchor> standings,
                   List<StandingChange> standingChanges) {
        public Written {
            violations = List.copyOf(violations);
            entries = List.copyOf(entries);
            standings = List.copyOf(standings);
            standingChanges = List.copyOf(standingChanges);
        }
    }
}
