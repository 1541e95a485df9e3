package com.anchorhealth.application.port.out;

import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The write side of anchors: lock the anchors of a group, then write what their changes produced,
 * each table in one statement, inside the caller's transaction.
 */
public interface AnchorChanges {
    /** Reads and locks the anchors that exist among these, in id order (so that lockers cannot deadlock). */
    Map<AnchorId, AnchorRecord> lockAll(Collection<AnchorId> anchorIds);

    /** Writes the changes of a group of anchors, locked by {@link #lockAll} in this transaction. */
    void write(Written written, Instant at);

    /** New violations and ledger entries, the anchors' new standings, and the outbox rows they cause. */
    record Written(List<RecordedViolation> violations, List<ScoreEvent> entries, List<Anchor> standings,
                   List<StandingChange> outbox) {
        public Written {
            violations = List.copyOf(violations);
            entries = List.copyOf(entries);
            standings = List.copyOf(standings);
            outbox = List.copyOf(outbox);
        }
    }
}
