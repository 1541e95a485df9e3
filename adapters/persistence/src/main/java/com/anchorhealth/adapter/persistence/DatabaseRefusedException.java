package com.anchorhealth.adapter.persistence;

/**
 * The database answered and refused the server: wrong user or password, no such database, or no right
 * to it. Retrying cannot help; the settings must change.
 */
public final class DatabaseRefusedException extends RuntimeException {
    public DatabaseRefusedException(String message) {
        super(message);
    }
}
