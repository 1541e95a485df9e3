package com.anchorhealth.adapter.persistence;

/** A MySQL/MariaDB database whose collation would let ids that differ only in case collide. */
public final class CaseInsensitiveDatabaseException extends RuntimeException {
    CaseInsensitiveDatabaseException(String reason) {
        super(reason);
    }
}
