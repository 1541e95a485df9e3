package com.anchorhealth.application.port.out;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.StoreTimeoutException;

import java.util.function.Supplier;

/** Runs work in one database transaction: all its writes commit together or none do. */
public interface Transactions {
    /**
     * Commits when {@code work} returns, rolls back when it throws (and rethrows). Ports called
     * inside {@code work}, on the same thread, take part in the transaction. Nothing is written past
     * the {@code deadline}: a transaction that would begin or commit after it rolls back, and a
     * statement still running then is cancelled, each with {@link StoreTimeoutException}.
     */
    <T> T inTransaction(Deadline deadline, Supplier<T> work);

    /** Work no caller waits for, bounded as a call without a deadline is. */
    default <T> T inTransaction(Supplier<T> work) {
        return inTransaction(Deadline.ofCallerWithoutOne(), work);
    }
}
