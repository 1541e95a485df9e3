package com.anchorhealth.adapter.persistence;

import com.anchorhealth.adapter.persistence.jooq.tables.records.AppealsRecord;
import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.appeal.AppealFilter;
import com.anchorhealth.application.port.out.appeal.Appeals;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.appeal.AppealState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SelectOnConditionStep;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.Optional;

import static com.anchorhealth.adapter.persistence.jooq.Tables.ANCHORS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.APPEALS;
import static com.anchorhealth.adapter.persistence.jooq.Tables.VIOLATIONS;

/** Appeals, stored beside the violation they appeal and read back with it. */
public final class JooqAppeals implements Appeals {
    private static final Keyset OLDEST_FILED_FIRST = Keyset.ascending(APPEALS.FILED_AT, APPEALS.ANCHOR_ID,
            APPEALS.VIOLATION_ID);
    private final DSLContext dsl;

    public JooqAppeals(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Optional<Appeal> find(AnchorId anchorId, String violationId) {
        return StoreErrors.translating(() -> withViolations()
                .where(APPEALS.ANCHOR_ID.eq(anchorId.value()).and(APPEALS.VIOLATION_ID.eq(violationId)))
                .fetchOptional()
                .map(JooqAppeals::toAppeal));
    }

    /** Keyset on (filed_at, anchor_id, violation_id): the key is {@code filedAtMillis/anchorId/violationId}. */
    @Override
    public Page<Appeal> list(AppealFilter filter, PageRequest page) {
        Condition condition = conditionOf(filter);
        return StoreErrors.translating(() -> OLDEST_FILED_FIRST.read(page, JooqAppeals::parseKey, (seek, orderBy) ->
                withViolations()
                        .where(condition.and(seek))
                        .orderBy(orderBy)
                        .limit(page.size() + 1)
                        .fetch(JooqAppeals::toAppeal), appeal -> Times.toMillis(appeal.filedAt()) + "/"
                + appeal.violation().anchorId().value() + "/" + appeal.violation().violationId()));
    }

    @Override
    public ListCount count(AppealFilter filter, Optional<String> before) {
        return StoreErrors.translating(() -> OLDEST_FILED_FIRST.count(dsl, APPEALS, conditionOf(filter), before,
                JooqAppeals::parseKey));
    }

    private static Condition conditionOf(AppealFilter filter) {
        Condition where = DSL.noCondition();
        if (filter.anchorId().isPresent()) {
            where = where.and(APPEALS.ANCHOR_ID.eq(filter.anchorId().get().value()));
        }
        if (filter.state().isPresent()) {
            where = where.and(APPEALS.STATE.eq(filter.state().get().name()));
        }
        if (filter.memberOf().isPresent()) {
            where = where.and(APPEALS.ANCHOR_ID.in(DSL.select(ANCHORS.ANCHOR_ID).from(ANCHORS)
                    .where(ANCHORS.GUILD_ID.in(filter.memberOf().get()))));
        }
        return where;
    }

    /** {@code filedAtMillis/anchorId/violationId}: ids hold no {@code /}. */
    private static List<?> parseKey(String key) {
        String[] parts = key.split("/", 3);
        return List.of(Long.parseLong(parts[0]), parts[1], parts[2]);
    }

    private SelectOnConditionStep<Record> withViolations() {
        return dsl.select()
                .from(APPEALS)
                .join(VIOLATIONS).on(VIOLATIONS.ANCHOR_ID.eq(APPEALS.ANCHOR_ID)
                        .and(VIOLATIONS.VIOLATION_ID.eq(APPEALS.VIOLATION_ID)));
    }

    private static Appeal toAppeal(Record row) {
        AppealsRecord appeal = row.into(APPEALS);
        return new Appeal(JooqViolations.toViolation(row.into(VIOLATIONS)), appeal.getStatement(),
                Times.fromMillis(appeal.getFiledAt()), appeal.getFiledBy(), AppealState.valueOf(appeal.getState()),
                Optional.ofNullable(Times.fromMillis(appeal.getDecidedAt())),
                Optional.ofNullable(appeal.getDecisionNote()), Optional.ofNullable(appeal.getDecidedBy()));
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
