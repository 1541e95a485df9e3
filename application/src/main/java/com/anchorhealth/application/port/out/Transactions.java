package com.anchorhealth.application.port.out;

import java.util.function.Supplier;

/** Runs work in one database transaction: all its writes commit together or none do. */
public interface Transactions {
    /**
     * Commits when {@code work} returns, rolls back when it throws (and rethrows). Ports called
     * inside {@code work}, on the same thread, take part in the transaction.
     */
    <T> T inTransaction(Supplier<T> work);
}
