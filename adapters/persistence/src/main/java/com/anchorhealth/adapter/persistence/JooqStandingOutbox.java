package com.anchorhealth.adapter.persistence;

import com.anchorhealth.adapter.persistence.jooq.tables.records.StandingChangesRecord;
import com.anchorhealth.application.port.out.ChangeCause;
import com.anchorhealth.application.port.out.StandingChange;
import com.anchorhealth.application.port.out.StandingOutbox;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Tier;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.impl.DSL;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static com.anchorhealth.adapter.persistence.jooq.Tables.STANDING_CHANGES;

/** The outbox of standing changes, written inside the transaction that made each change. */
public final class JooqStandingOutbox implements StandingOutbox {
    private final DSLContext dsl;

    public JooqStandingOutbox(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void append(StandingChange change) {
        MultiRowInsert.insert(dsl, STANDING_CHANGES, List.of(toRow(change)));
    }

    RowWrite rowsOf(List<StandingChange> changes) {
        return new MultiRowInsert<>(STANDING_CHANGES, changes.stream().map(this::toRow).toList());
    }

    private StandingChangesRecord toRow(StandingChange change) {
        StandingChangesRecord row = dsl.newRecord(STANDING_CHANGES);
        row.setChangeId(change.changeId());
        row.setAnchorId(change.anchorId().value());
        row.setAnchorSeq(change.anchorSequence());
        row.setOldScore(change.oldScore());
        row.setNewScore(change.newScore());
        row.setOldTier(change.oldTier().name());
        row.setNewTier(change.newTier().name());
        // In enum order, so equal sets are stored alike.
        EnumSet<Capability> denied = EnumSet.noneOf(Capability.class);
        denied.addAll(change.deniedCapabilities());
        row.setDeniedCapabilities(denied.stream().map(Capability::name).collect(Collectors.joining(",")));
        row.setCause(change.cause().name());
        row.setViolationId(change.violationId().orElse(null));
        row.setCreatedAt(Times.toMillis(change.createdAt()));
        return row;
    }

    @Override
    public List<StandingChange> changesOf(AnchorId anchorId) {
        return StoreErrors.translating(() -> dsl.selectFrom(STANDING_CHANGES)
                .where(STANDING_CHANGES.ANCHOR_ID.eq(anchorId.value()))
                .orderBy(STANDING_CHANGES.ANCHOR_SEQ)
                .fetch(JooqStandingOutbox::toChange));
    }

    @Override
    public List<StandingChange> tierDropsSince(Instant since, int limit) {
        // The tiers are stored by name: a drop is any pair of a tier and one below it.
        List<Condition> drops = new ArrayList<>();
        for (Tier from : Tier.values()) {
            for (Tier to = from.next(); to != null; to = to.next()) {
                drops.add(STANDING_CHANGES.OLD_TIER.eq(from.name()).and(STANDING_CHANGES.NEW_TIER.eq(to.name())));
            }
        }
        return StoreErrors.translating(() -> dsl.selectFrom(STANDING_CHANGES)
                .where(STANDING_CHANGES.CREATED_AT.ge(Times.toMillis(since)))
                .and(DSL.or(drops))
                .orderBy(STANDING_CHANGES.CREATED_AT.desc(), STANDING_CHANGES.CHANGE_ID.desc())
                .limit(limit)
                .fetch(JooqStandingOutbox::toChange));
    }

    static StandingChange toChange(StandingChangesRecord row) {
        Set<Capability> denied = row.getDeniedCapabilities().isEmpty() ? Set.of()
                : Arrays.stream(row.getDeniedCapabilities().split(",")).map(Capability::valueOf)
                        .collect(Collectors.toSet());
        return new StandingChange(row.getChangeId(), new AnchorId(row.getAnchorId()), row.getAnchorSeq(),
                row.getOldScore(), row.getNewScore(), Tier.valueOf(row.getOldTier()), Tier.valueOf(row.getNewTier()),
                denied, ChangeCause.valueOf(row.getCause()), Optional.ofNullable(row.getViolationId()),
                Times.fromMillis(row.getCreatedAt()));
    }
}
