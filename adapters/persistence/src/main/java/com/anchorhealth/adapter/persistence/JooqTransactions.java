package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.StoreTimeoutException;
import com.anchorhealth.application.error.StoreUnavailableException;
import com.anchorhealth.application.port.out.Transactions;
import org.jooq.DSLContext;

import java.util.function.Supplier;

/**
 * One database transaction per call, bound to the thread, so every repository call joins it. A lost
 * connection is reported as one another connection may recover from only where there is another node
 * to reach: with a single database, the caller hears at once that it is unavailable.
 */
public final class JooqTransactions implements Transactions {
    private final DSLContext dsl;
    private final boolean failsOver;

    public JooqTransactions(DSLContext dsl) {
        this(dsl, false);
    }

    /** {@code failsOver}: the database URL names several nodes (see {@link Database#failsOver()}). */
    public JooqTransactions(DSLContext dsl, boolean failsOver) {
        this.dsl = dsl;
        this.failsOver = failsOver;
    }

    @Override
    public <T> T inTransaction(Deadline deadline, Supplier<T> work) {
        refuseIfPassed(deadline, "the call's deadline passed before its transaction began");
        try {
            return StatementDeadlines.within(deadline, () -> StoreErrors.translating(() -> dsl.transactionResult(() -> {
                T result = work.get();
                // Its caller has stopped waiting: what nobody will be told of is not written.
                refuseIfPassed(deadline, "the call's deadline passed before its transaction committed");
                return result;
            })));
        } catch (StoreUnavailableException e) {
            if (e.connectionLost() && !failsOver) {
                throw new StoreUnavailableException(e.getMessage(), e.getCause());
            }
            throw e;
        }
    }

    private static void refuseIfPassed(Deadline deadline, String message) {
        if (deadline.passed()) {
            throw new StoreTimeoutException(message, null);
        }
    }
}
