package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.anchor.RecoveryCredits;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.jooq.DSLContext;
import org.jooq.Field;

import java.time.Instant;
import java.util.Optional;

import static com.anchorhealth.adapter.persistence.jooq.Tables.RECOVERY_CREDITS;

/** Recovery credits keyed by anchor and the ledger entry they wrote. */
public final class JooqRecoveryCredits implements RecoveryCredits {
    private final DSLContext dsl;

    public JooqRecoveryCredits(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void record(Credit credit) {
        StoreErrors.translating(() -> dsl.insertInto(RECOVERY_CREDITS)
                .set(RECOVERY_CREDITS.ANCHOR_ID, credit.anchorId().value())
                .set(RECOVERY_CREDITS.SEQ, credit.ledgerSequence())
                .set(RECOVERY_CREDITS.SOURCE, credit.source().name())
                .set(RECOVERY_CREDITS.CLEAN_THROUGH, Times.toMillis(credit.cleanThrough().orElse(null)))
                .set(RECOVERY_CREDITS.TASK_ID, credit.taskId().orElse(null))
                .set(RECOVERY_CREDITS.CREDITED_AT, Times.toMillis(credit.creditedAt()))
                .execute());
    }

    @Override
    public Optional<Instant> lastTimeCreditCleanThrough(AnchorId anchorId) {
        return latest(anchorId, Source.TIME, RECOVERY_CREDITS.CLEAN_THROUGH);
    }

    @Override
    public Optional<Instant> lastLearningCredit(AnchorId anchorId) {
        return latest(anchorId, Source.LEARNING_TASK, RECOVERY_CREDITS.CREDITED_AT);
    }

    private Optional<Instant> latest(AnchorId anchorId, Source source, Field<Long> instant) {
        return StoreErrors.translating(() -> dsl.select(instant).from(RECOVERY_CREDITS)
                .where(RECOVERY_CREDITS.ANCHOR_ID.eq(anchorId.value()).and(RECOVERY_CREDITS.SOURCE.eq(source.name())))
                .orderBy(RECOVERY_CREDITS.SEQ.desc()).limit(1)
                .fetchOptional(instant).map(Times::fromMillis));
    }
}
