package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.port.out.StoreTimeoutException;
import com.anchorhealth.application.port.out.Transactions;
import org.jooq.DSLContext;

import java.util.function.Supplier;

/** One database transaction per call, bound to the thread, so every repository call joins it. */
public final class JooqTransactions implements Transactions {
    private final DSLContext dsl;

    public JooqTransactions(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public <T> T inTransaction(Deadline deadline, Supplier<T> work) {
        refuseIfPassed(deadline, "the call's deadline passed before its transaction began");
        return StatementDeadlines.within(deadline, () -> StoreErrors.translating(() -> dsl.transactionResult(() -> {
            T result = JooqStandingOutbox.appendingWithin(dsl, work);
            // Its caller has stopped waiting: what nobody will be told of is not written.
            refuseIfPassed(deadline, "the call's deadline passed before its transaction committed");
            return result;
        })));
    }

    private static void refuseIfPassed(Deadline deadline, String message) {
        if (deadline.passed()) {
            throw new StoreTimeoutException(message, null);
        }
    }
}
