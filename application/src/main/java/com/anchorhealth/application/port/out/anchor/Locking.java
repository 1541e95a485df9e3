package com.anchorhealth.application.port.out.anchor;

/** What a lock that another transaction holds does to the one that asks for it. */
public enum Locking {
    /** Waits for it, until the statement's deadline. */
    WAIT,
    /**
     * Leaves it out at once: a group writes what it could lock and hands the rest to a writer of its
     * own, so that one held row never stalls the calls that do not need it.
     */
    SKIP_HELD
}
