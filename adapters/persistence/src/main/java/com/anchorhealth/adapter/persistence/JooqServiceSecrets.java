package com.anchorhealth.adapter.persistence;

import org.jooq.DSLContext;

import java.security.SecureRandom;

import static com.anchorhealth.adapter.persistence.jooq.Tables.SERVICE_SECRETS;

/**
 * Secrets shared by every server instance on one database: the first instance to ask for one
 * generates it, and every instance, then and later, reads that one.
 */
public final class JooqServiceSecrets {
    static final int SECRET_BYTES = 32;
    private static final String PAGE_TOKEN_KEY = "page-token-key";
    private static final String CONSOLE_SESSION_KEY = "console-session-key";

    private final DSLContext dsl;
    private final SecureRandom random = new SecureRandom();

    public JooqServiceSecrets(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The key that signs page tokens. */
    public byte[] pageTokenKey() {
        return secret(PAGE_TOKEN_KEY);
    }

    /** Signs the web console's session cookies, so that every instance reads the others' sessions. */
    public byte[] consoleSessionKey() {
        return secret(CONSOLE_SESSION_KEY);
    }

    private byte[] secret(String name) {
        byte[] generated = new byte[SECRET_BYTES];
        random.nextBytes(generated);
        return StoreErrors.translating(() -> {
            // Two instances starting together both try; the key taken first wins, and both read it.
            dsl.insertInto(SERVICE_SECRETS).set(SERVICE_SECRETS.NAME, name).set(SERVICE_SECRETS.SECRET, generated)
                    .onDuplicateKeyIgnore().execute();
            return dsl.select(SERVICE_SECRETS.SECRET).from(SERVICE_SECRETS).where(SERVICE_SECRETS.NAME.eq(name))
                    .fetchSingle(SERVICE_SECRETS.SECRET);
        });
    }
}
