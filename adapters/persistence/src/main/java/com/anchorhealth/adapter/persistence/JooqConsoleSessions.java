package com.anchorhealth.adapter.persistence;

import org.jooq.DSLContext;

import java.time.Instant;

import static com.anchorhealth.adapter.persistence.jooq.Tables.CONSOLE_SESSIONS;

/**
 * The console's signed-in sessions, by the hash of their id, shared by every instance on the store:
 * a session another instance started is held here, and one signed out anywhere is gone everywhere.
 */
public final class JooqConsoleSessions {
    private final DSLContext dsl;

    public JooqConsoleSessions(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Keeps a session until it expires; sessions already expired leave with it, so the table stays small. */
    public void start(byte[] idHash, Instant expiresAt, Instant now) {
        StoreErrors.translating(() -> {
            dsl.deleteFrom(CONSOLE_SESSIONS).where(CONSOLE_SESSIONS.EXPIRES_AT.lt(now.toEpochMilli())).execute();
            return dsl.insertInto(CONSOLE_SESSIONS).set(CONSOLE_SESSIONS.ID_HASH, idHash)
                    .set(CONSOLE_SESSIONS.EXPIRES_AT, expiresAt.toEpochMilli()).execute();
        });
    }

    public boolean holds(byte[] idHash, Instant now) {
        return StoreErrors.translating(() -> dsl.fetchExists(dsl.selectOne().from(CONSOLE_SESSIONS)
                .where(CONSOLE_SESSIONS.ID_HASH.eq(idHash)).and(CONSOLE_SESSIONS.EXPIRES_AT.gt(now.toEpochMilli()))));
    }

    public void end(byte[] idHash) {
        StoreErrors.translating(() -> dsl.deleteFrom(CONSOLE_SESSIONS).where(CONSOLE_SESSIONS.ID_HASH.eq(idHash))
                .execute());
    }
}
