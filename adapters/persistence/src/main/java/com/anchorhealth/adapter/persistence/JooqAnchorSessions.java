package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.anchor.SpilledSessions;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.anchor.SessionSpill;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.jooq.DSLContext;
import org.jooq.Query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.anchorhealth.adapter.persistence.jooq.Tables.ANCHOR_SESSIONS;

/**
 * The held live sessions pushed off anchors' rows, keyed by anchor and session. They are written with
 * the anchors' rows, under their locks, from what each change spilled ({@link SessionSpill}), and read
 * by the one check that needs them.
 */
public final class JooqAnchorSessions implements SpilledSessions {
    /*
     * Plain SQL, each statement with its values bound, so that a group sends them either way RowWrite
     * offers; the upsert reads VALUES(col), as MySQL 8, MariaDB and H2 (MySQL mode) all do.
     */
    private static final String UPSERT_HEAD = "INSERT INTO anchor_sessions (anchor_id, live_session_id, held_until) VALUES ";
    private static final String UPSERT_TAIL = " ON DUPLICATE KEY UPDATE held_until = GREATEST(held_until, VALUES(held_until))";

    private final DSLContext dsl;

    public JooqAnchorSessions(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<Instant> heldUntil(AnchorId anchorId, String liveSessionId) {
        return StoreErrors.translating(() -> dsl.select(ANCHOR_SESSIONS.HELD_UNTIL).from(ANCHOR_SESSIONS)
                .where(ANCHOR_SESSIONS.ANCHOR_ID.eq(anchorId.value()))
                .and(ANCHOR_SESSIONS.LIVE_SESSION_ID.eq(liveSessionId))
                .fetchOptional(ANCHOR_SESSIONS.HELD_UNTIL)
                .map(Times::fromMillis));
    }

    /**
     * What the anchors' spills write, at most three statements whatever their number (more only past
     * {@link MultiRowInsert#ROWS_PER_STATEMENT} pushed-off sessions, or for an overturn's release):
     * the closed holds of the anchors that asked, the released sessions, then the pushed-off ones.
     */
    static RowWrite spillsOf(List<Anchor> anchors, Instant at) {
        List<RowWrite.Bound> statements = new ArrayList<>();
        List<Object> pruned = new ArrayList<>();
        List<Object> pushedOff = new ArrayList<>();
        for (Anchor anchor : anchors) {
            SessionSpill spill = anchor.spill();
            String anchorId = anchor.anchorId().value();
            if (spill.pruneClosed()) {
                pruned.add(anchorId);
            }
            if (!spill.released().isEmpty()) {
                List<Object> values = new ArrayList<>(List.of(anchorId));
                values.addAll(spill.released());
                statements.add(new RowWrite.Bound("DELETE FROM anchor_sessions WHERE anchor_id = ? AND live_session_id IN ("
                        + placeholders(spill.released().size()) + ")", values));
            }
            for (Map.Entry<String, Instant> session : spill.pushedOff().entrySet()) {
                Collections.addAll(pushedOff, anchorId, session.getKey(), Times.toMillis(session.getValue()));
            }
        }
        if (!pruned.isEmpty()) {
            pruned.add(Times.toMillis(at));
            statements.add(0, new RowWrite.Bound("DELETE FROM anchor_sessions WHERE anchor_id IN ("
                    + placeholders(pruned.size() - 1) + ") AND held_until <= ?", pruned));
        }
        int valuesPerStatement = 3 * MultiRowInsert.ROWS_PER_STATEMENT;
        for (int from = 0; from < pushedOff.size(); from += valuesPerStatement) {
            List<Object> values = pushedOff.subList(from, Math.min(pushedOff.size(), from + valuesPerStatement));
            statements.add(new RowWrite.Bound(UPSERT_HEAD + String.join(", ", Collections.nCopies(values.size() / 3,
                    "(?, ?, ?)")) + UPSERT_TAIL, values));
        }
        return new RowWrite() {
            @Override
            public List<Query> statements(DSLContext context) {
                return statements.stream().<Query>map(bound -> context.query(bound.sql(), bound.values().toArray())).toList();
            }

            @Override
            public List<Bound> bound() {
                return statements;
            }
        };
    }

    private static String placeholders(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }
}
