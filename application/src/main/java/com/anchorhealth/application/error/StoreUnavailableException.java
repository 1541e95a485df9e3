package com.anchorhealth.application.error;

/**
 * The database could not be reached in time. Nothing was written; the caller may retry later.
 * {@link #connectionLost()}: the connection in use failed, or its node refused the work (a cluster
 * node that died, is not synced yet, or is cut off from the majority), so the same transaction on a
 * new connection may reach another node at once.
 */
public final class StoreUnavailableException extends RuntimeException {
    private final boolean connectionLost;

    public StoreUnavailableException(String message, Throwable cause) {
        this(message, cause, false);
    }

    public StoreUnavailableException(String message, Throwable cause, boolean connectionLost) {
        super(message, cause);
        this.connectionLost = connectionLost;
    }

    public boolean connectionLost() {
        return connectionLost;
    }
}
