package com.anchorhealth.application.port.out;

import java.time.Duration;
import java.util.function.Supplier;

/** Runs work in one database transaction: all its writes commit together or none do. */
public interface Transactions {
    /** A statement waits this long at most where the caller gives no deadline (a lock held elsewhere, say). */
    Duration DEFAULT_STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    /**
     * Commits when {@code work} returns, rolls back when it throws (and rethrows). Ports called
     * inside {@code work}, on the same thread, take part in the transaction. Each statement is
     * cancelled, with {@link StoreTimeoutException}, once {@code timeout} from now has passed.
     */
    <T> T inTransaction(Duration timeout, Supplier<T> work);

    default <T> T inTransaction(Supplier<T> work) {
        return inTransaction(DEFAULT_STATEMENT_TIMEOUT, work);
    }
}
