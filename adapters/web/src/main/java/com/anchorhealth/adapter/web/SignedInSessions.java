package com.anchorhealth.adapter.web;

import java.time.Instant;

/**
 * Where the server keeps the console's signed-in sessions, by the SHA-256 of their random id, so that
 * it can end them: a cookie is a session only while its session is kept here.
 */
public interface SignedInSessions {
    void start(byte[] idHash, Instant expiresAt, Instant now);

    /** Whether the session is kept and not expired. */
    boolean holds(byte[] idHash, Instant now);

    void end(byte[] idHash);
}
