package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.anchor.AnchorChanges;
import com.anchorhealth.application.port.out.anchor.Locking;
import com.anchorhealth.application.port.out.anchor.NewViolation;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** A group's changes over the tables they touch: one multi-row statement a table. */
public final class JooqAnchorChanges implements AnchorChanges {
    private static final RowWrite.Bound COMMIT = new RowWrite.Bound("COMMIT", List.of());

    private final DSLContext dsl;
    private final JooqAnchors anchors;
    private final JooqViolations violations;
    private final JooqLedger ledger;

    public JooqAnchorChanges(DSLContext dsl) {
        this.dsl = dsl;
        this.anchors = new JooqAnchors(dsl);
        this.violations = new JooqViolations(dsl);
        this.ledger = new JooqLedger(dsl);
    }

    @Override
    public Locked lockAll(Collection<AnchorId> anchorIds, Locking locking) {
        return anchors.lockAll(anchorIds, locking);
    }

    /**
     * A group's rows, a multi-row statement per table, all in one round trip on MySQL/MariaDB
     * ({@link RowWrite#execute}). Each change of a standing is kept on the row that records it,
     * positioned in the feed: those rows go last, after the statement that moves the feed's counter,
     * which is then held until the commit.
     */
    @Override
    public void write(Written written, Instant at) {
        List<RowWrite.Bound> statements = statements(written, at);
        StoreErrors.translating(() -> dsl.connection(connection -> RowWrite.execute(connection, statements,
                Database.runsStatementsAsOne(dsl.dialect()))));
    }

    /**
     * On a MySQL/MariaDB server the commit ends the write's round trip (a statement that fails stops
     * the ones after it, the commit included): the feed's counter, which the write moves, is held while
     * the server works, never while a round trip crosses the network. The transaction's own commit,
     * which would find nothing left to commit, is then not sent. A Galera node's connection commits in
     * a round trip of its own ({@link CommitsSentInRoundTrips} says why). The counter's new value is
     * read back in the same round trip: the changes' positions follow from it.
     */
    @Override
    public List<PositionedChange> writeLast(Written written, Instant at) {
        boolean asOne = Database.runsStatementsAsOne(dsl.dialect());
        List<StandingChange> changes = written.standingChanges();
        List<RowWrite.Bound> statements = new ArrayList<>(statements(written, at));
        if (!changes.isEmpty()) {
            statements.add(FeedSources.counterRead(dsl.dialect()));
        }
        OptionalLong counter = StoreErrors.translating(() -> dsl.connectionResult(connection -> {
            boolean commitsHere = asOne && connection.isWrapperFor(CommitsSentInRoundTrips.CommitSent.class);
            if (commitsHere) {
                statements.add(COMMIT);
            }
            OptionalLong read = RowWrite.execute(connection, statements, asOne);
            if (commitsHere) {
                connection.unwrap(CommitsSentInRoundTrips.CommitSent.class).committedByLastStatement();
            }
            return read;
        }));
        return changes.isEmpty() ? List.of() : FeedSources.positioned(changes, counter.orElseThrow());
    }

    private List<RowWrite.Bound> statements(Written written, Instant at) {
        List<StandingChange> changes = written.standingChanges();
        Map<String, FeedSources.Placed> onEntries = FeedSources.placed(changes, false);
        PositionedInsert<?> entryRows = ledger.rowsOf(entriesOffViolationRows(written), onEntries);
        PositionedInsert<?> violationRows = violations.rowsOf(written.violations(), FeedSources.placed(changes, true));
        if (entryRows.kept() + violationRows.kept() != changes.size()) {
            throw new IllegalStateException("a standing change has no row of this write to keep it");
        }
        String counter = FeedSources.movedCounter(dsl.dialect());
        List<RowWrite.Bound> entries = entryRows.bound(counter);
        List<RowWrite.Bound> statements = new ArrayList<>();
        if (onEntries.isEmpty()) {
            statements.addAll(entries);
        }
        statements.addAll(anchors.standingsOf(written.standings(), at).bound());
        if (!changes.isEmpty()) {
            statements.add(FeedSources.counterMove(changes.size(), dsl.dialect()));
        }
        if (!onEntries.isEmpty()) {
            statements.addAll(entries);
        }
        statements.addAll(violationRows.bound(counter));
        return statements;
    }

    /**
     * The entries that need rows of their own: a new violation that deducts is its DEDUCTION entry
     * (its row holds every fact of it), so each deduction must be its violation's, fact for fact, and
     * every deducting violation must have one.
     */
    private static List<ScoreEvent> entriesOffViolationRows(Written written) {
        Map<String, NewViolation> violations = new HashMap<>();
        written.violations().forEach(violation -> violations.put(violation.violation().violationId(), violation));
        List<ScoreEvent> own = new ArrayList<>();
        int deductions = 0;
        for (ScoreEvent entry : written.entries()) {
            if (entry.kind() != ScoreEventKind.DEDUCTION) {
                own.add(entry);
            } else if (entry.violationId().map(violations::get).filter(violation -> JooqLedger.isDeductionOf(entry,
                    violation)).isPresent()) {
                deductions++;
            } else {
                throw new IllegalStateException("a deduction is not the one its violation made: " + entry);
            }
        }
        if (deductions != written.violations().stream().filter(JooqViolations::isLedgerEntry).count()) {
            throw new IllegalStateException("a deducting violation came without its deduction");
        }
        return own;
    }
}
