package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.AnchorChanges;
import com.anchorhealth.application.port.out.AnchorRecord;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.jooq.DSLContext;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** A group's changes over the tables they touch: one multi-row statement (or one batch) a table. */
public final class JooqAnchorChanges implements AnchorChanges {
    private final JooqAnchors anchors;
    private final JooqViolations violations;
    private final JooqLedger ledger;
    private final JooqStandingOutbox outbox;

    public JooqAnchorChanges(DSLContext dsl) {
        this.anchors = new JooqAnchors(dsl);
        this.violations = new JooqViolations(dsl);
        this.ledger = new JooqLedger(dsl);
        this.outbox = new JooqStandingOutbox(dsl);
    }

    @Override
    public Map<AnchorId, AnchorRecord> lockAll(Collection<AnchorId> anchorIds) {
        return anchors.lockAll(anchorIds);
    }

    @Override
    public void write(Written written, Instant at) {
        violations.insertAll(written.violations());
        ledger.appendAll(written.entries());
        anchors.updateStandings(written.standings(), at);
        outbox.appendAll(written.outbox());
    }
}
