package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.AnchorChanges;
import com.anchorhealth.application.port.out.AnchorRecord;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.jooq.DSLContext;
import org.jooq.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** A group's changes over the tables they touch: one multi-row statement (or one batch) a table. */
public final class JooqAnchorChanges implements AnchorChanges {
    private final DSLContext dsl;
    private final JooqAnchors anchors;
    private final JooqViolations violations;
    private final JooqLedger ledger;
    private final JooqStandingOutbox outbox;

    public JooqAnchorChanges(DSLContext dsl) {
        this.dsl = dsl;
        this.anchors = new JooqAnchors(dsl);
        this.violations = new JooqViolations(dsl);
        this.ledger = new JooqLedger(dsl);
        this.outbox = new JooqStandingOutbox(dsl);
    }

    @Override
    public Map<AnchorId, AnchorRecord> lockAll(Collection<AnchorId> anchorIds) {
        return anchors.lockAll(anchorIds);
    }

    /** Every statement in one JDBC batch: one round trip on MySQL/MariaDB (rewriteBatchedStatements). */
    @Override
    public void write(Written written, Instant at) {
        List<Query> statements = new ArrayList<>(violations.insertsOf(written.violations()));
        statements.addAll(ledger.insertsOf(written.entries()));
        statements.addAll(anchors.updatesOf(written.standings(), at));
        statements.addAll(outbox.insertsOf(written.outbox()));
        if (!statements.isEmpty()) {
            StoreErrors.translating(() -> dsl.batch(statements).execute());
        }
    }
}
