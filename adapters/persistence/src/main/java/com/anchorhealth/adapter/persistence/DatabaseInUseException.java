package com.anchorhealth.adapter.persistence;

/** The embedded database's files are locked by another process: one process per database. */
public final class DatabaseInUseException extends RuntimeException {
    public DatabaseInUseException(String database) {
        super(database + " is in use by another process");
    }
}
