package com.anchorhealth.adapter.persistence;

import com.anchorhealth.adapter.persistence.jooq.tables.records.AppealsRecord;
import com.anchorhealth.application.port.out.Appeals;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.appeal.AppealState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.jooq.DSLContext;

import java.util.Optional;

import static com.anchorhealth.adapter.persistence.jooq.Tables.APPEALS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.VIOLATIONS;

/** Appeals, stored beside the violation they appeal and read back with it. */
public final class JooqAppeals implements Appeals {
    private final DSLContext dsl;

    public JooqAppeals(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<Appeal> find(AnchorId anchorId, String violationId) {
        return StoreErrors.translating(() -> dsl.select()
                .from(APPEALS)
                .join(VIOLATIONS).on(VIOLATIONS.ANCHOR_ID.eq(APPEALS.ANCHOR_ID)
                        .and(VIOLATIONS.VIOLATION_ID.eq(APPEALS.VIOLATION_ID)))
                .where(APPEALS.ANCHOR_ID.eq(anchorId.value()).and(APPEALS.VIOLATION_ID.eq(violationId)))
                .fetchOptional()
                .map(row -> {
                    AppealsRecord appeal = row.into(APPEALS);
                    return new Appeal(JooqViolations.toViolation(row.into(VIOLATIONS)), appeal.getStatement(),
                            Times.fromMillis(appeal.getFiledAt()), appeal.getFiledBy(),
                            AppealState.valueOf(appeal.getState()),
                            Optional.ofNullable(Times.fromMillis(appeal.getDecidedAt())),
                            Optional.ofNullable(appeal.getDecisionNote()), Optional.ofNullable(appeal.getDecidedBy()));
                }));
    }

    @Override
    public void insert(Appeal appeal) {
        StoreErrors.translating(() -> dsl.insertInto(APPEALS)
                .set(APPEALS.ANCHOR_ID, appeal.violation().anchorId().value())
                .set(APPEALS.VIOLATION_ID, appeal.violation().violationId())
                .set(APPEALS.STATEMENT, appeal.statement())
                .set(APPEALS.FILED_AT, Times.toMillis(appeal.filedAt()))
                .set(APPEALS.FILED_BY, appeal.filedBy())
                .set(APPEALS.STATE, appeal.state().name())
                .execute());
    }

    @Override
    public void updateDecision(Appeal decided) {
        StoreErrors.translating(() -> dsl.update(APPEALS)
                .set(APPEALS.STATE, decided.state().name())
                .set(APPEALS.DECIDED_AT, Times.toMillis(decided.decidedAt().orElse(null)))
                .set(APPEALS.DECISION_NOTE, decided.decisionNote().orElse(null))
                .set(APPEALS.DECIDED_BY, decided.decidedBy().orElse(null))
                .where(APPEALS.ANCHOR_ID.eq(decided.violation().anchorId().value())
                        .and(APPEALS.VIOLATION_ID.eq(decided.violation().violationId())))
                .execute());
    }
}
