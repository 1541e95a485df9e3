package com.anchorhealth.adapter.persistence;

/** The database could not be reached at start, after the migration's retries: says which, and why. */
public final class DatabaseUnreachableException extends RuntimeException {
    public DatabaseUnreachableException(String message) {
        super(message);
    }
}
