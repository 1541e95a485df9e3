package com.anchorhealth.adapter.web;

import com.anchorhealth.adapter.access.BearerTokens;
import com.anchorhealth.adapter.access.MethodRoles;
import com.anchorhealth.adapter.access.Role;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleAccessTest {
    /** printf '%s' reader-secret | sha256sum */
    private static final String READER = "f03319dee240faa729e0cfa7ab5ffd80a1d64a127e3643f239009abff6382914 reader desk";
    private static final byte[] KEY = new byte[32];
    private final AtomicReference<BearerTokens> tokens = new AtomicReference<>(BearerTokens.parse(READER));
    private Instant now = Instant.parse("2026-12-01T08:00:00Z");
    private final ConsoleAccess access = new ConsoleAccess(tokens::get, KEY, false, new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void aSignedInSessionActsAsTheTokensHolderUntilItExpires() {
        ConsoleAccess.Session session = access.newSession(Optional.of(access.holderOf("reader-secret").orElseThrow()
                .tokenHash()));
        ConsoleAccess.Session read = access.read(access.cookieValue(session)).orElseThrow();
        assertEquals(Visitor.holder("desk", Role.READER), access.visitorOf(read));
        now = now.plus(ConsoleAccess.SESSION_LIFETIME).plus(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), access.read(access.cookieValue(session)));
    }

    @Test
    void anAlteredCookieIsNoSession() {
        String cookie = access.cookieValue(access.newSession(Optional.empty()));
        char[] altered = cookie.toCharArray();
        altered[3] = altered[3] == 'A' ? 'B' : 'A';
        assertEquals(Optional.empty(), access.read(new String(altered)));
        assertEquals(Optional.empty(), access.read("no-dot"));
        assertEquals(Optional.empty(), access.read("%%%.%%%"));
    }

    @Test
    void aTokenRemovedFromTheFileEndsItsSessions() {
        ConsoleAccess.Session session = access.newSession(Optional.of(access.holderOf("reader-secret").orElseThrow()
                .tokenHash()));
        tokens.set(BearerTokens.parse(READER.replace("f03319", "a03319")));
        assertFalse(access.visitorOf(session).signedIn());
    }

    @Test
    void theCsrfTokenIsTheSessionsOwn() {
        ConsoleAccess.Session one = access.newSession(Optional.empty());
        ConsoleAccess.Session other = access.newSession(Optional.empty());
        assertTrue(access.csrfMatches(one, access.csrfToken(one)));
        assertFalse(access.csrfMatches(one, access.csrfToken(other)));
        assertFalse(access.csrfMatches(one, null));
        assertNotEquals(access.csrfToken(one), access.csrfToken(other));
    }

    @Test
    void everyMethodTheConsoleNamesHasARoleAndReadersWriteNothing() {
        for (String method : Methods.ALL) {
            assertTrue(MethodRoles.isPublic(method) || !MethodRoles.required(method).isEmpty(), method);
        }
        Visitor reader = Visitor.holder("desk", Role.READER);
        assertTrue(reader.may(Methods.GET_ANCHOR));
        assertTrue(Arrays.asList(Methods.DECIDE_APPEAL, Methods.RECORD_GUILD_VIOLATION, Methods.PUBLISH_POLICY,
                Methods.SIMULATE_POLICY, Methods.FILE_APPEAL).stream().noneMatch(reader::may));
        assertTrue(Visitor.holder("desk", Role.BACKOFFICE).may(Methods.RECORD_GUILD_VIOLATION));
        assertFalse(Visitor.holder("desk", Role.BACKOFFICE).may(Methods.PUBLISH_POLICY));
        assertTrue(Visitor.LOCAL.may(Methods.PUBLISH_POLICY));
        assertFalse(Visitor.NOBODY.may(Methods.GET_ANCHOR));
        assertTrue(Visitor.NOBODY.may(Methods.LIST_PUBLIC_NOTICES));
    }
}
