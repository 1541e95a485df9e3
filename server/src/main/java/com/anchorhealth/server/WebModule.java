package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.JooqConsoleSessions;
import com.anchorhealth.adapter.persistence.JooqServiceSecrets;
import com.anchorhealth.adapter.web.ConsoleAccess;
import com.anchorhealth.adapter.web.SignedInSessions;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/** The back office console: its sessions are signed with a key the store keeps, and read the tokens in force. */
final class WebModule extends AbstractModule {

    /**
     * Cookies are Secure when browsers come over TLS: served here, or ended in front of the server
     * (which is what taking tokens in plaintext off loopback means).
     */
    @Provides
    @Singleton
    ConsoleAccess consoleAccess(Settings settings, TokensFile tokens, JooqServiceSecrets secrets,
                                JooqConsoleSessions sessions, Clock clock) {
        return new ConsoleAccess(tokens, new SignedInSessions() {
            @Override
            public void start(byte[] idHash, Instant expiresAt, Instant now) {
                sessions.start(idHash, expiresAt, now);
            }

            @Override
            public boolean holds(byte[] idHash, Instant now) {
                return sessions.holds(idHash, now);
            }

            @Override
            public void end(byte[] idHash) {
                sessions.end(idHash);
            }
        }, secrets.consoleSessionKey(), settings.tlsCert().isPresent() || settings.plaintextTokensAllowed(), clock);
    }
}
