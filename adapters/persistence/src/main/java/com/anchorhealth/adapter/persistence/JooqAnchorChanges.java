package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.AnchorChanges;
import com.anchorhealth.application.port.out.Locking;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.jooq.DSLContext;
import org.jooq.Query;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/** A group's changes over the tables they touch: one multi-row statement a table. */
public final class JooqAnchorChanges implements AnchorChanges {
    /** Violations in a group from which its rows are bound to prepared statements rather than inlined. */
    static final int BOUND_FROM = 100;

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
    public Locked lockAll(Collection<AnchorId> anchorIds, Locking locking) {
        return anchors.lockAll(anchorIds, locking);
    }

    /**
     * A group's rows in one JDBC batch, its values inlined: one round trip on MySQL/MariaDB
     * (rewriteBatchedStatements). A large group's rows go instead as prepared statements with bound
     * values, a round trip per table: rendering every value of a thousand violations into SQL text
     * cost more than those round trips.
     */
    @Override
    public void write(Written written, Instant at) {
        List<RowWrite> rows = List.of(violations.rowsOf(written.violations()), ledger.rowsOf(written.entries()),
                anchors.standingsOf(written.standings(), at), outbox.positioned(written.outbox()));
        if (written.violations().size() >= BOUND_FROM) {
            StoreErrors.translating(() -> dsl.connection(connection -> {
                for (RowWrite write : rows) {
                    write.executeBound(connection);
                }
            }));
        } else {
            List<Query> statements = rows.stream().flatMap(write -> write.statements(dsl).stream()).toList();
            if (!statements.isEmpty()) {
                StoreErrors.translating(() -> dsl.batch(statements).execute());
            }
        }
    }
}
