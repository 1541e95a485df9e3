package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.Transactions;
import org.jooq.DSLContext;

import java.time.Duration;
import java.util.function.Supplier;

/** One database transaction per call, bound to the thread, so every repository call joins it. */
public final class JooqTransactions implements Transactions {
    private final DSLContext dsl;

    public JooqTransactions(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public <T> T inTransaction(Duration timeout, Supplier<T> work) {
        return StatementDeadlines.within(timeout,
                () -> StoreErrors.translating(() -> dsl.transactionResult(() -> work.get())));
    }
}
