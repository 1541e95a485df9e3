package com.anchorhealth.adapter.web;

import com.anchorhealth.adapter.access.BearerTokens;
import com.anchorhealth.adapter.access.MethodRoles;
import com.anchorhealth.adapter.access.Role;
import com.anchorhealth.application.call.Caller;
import com.anchorhealth.application.call.Scope;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsoleAccessTest {
    /** printf '%s' reader-secret | sha256sum */
    private static final String READER = "f03319dee240faa729e0cfa7ab5ffd80a1d64a127e3643f239009abff6382914 reader desk";
    /** printf '%s' manager-secret | sha256sum, and the same actor's second token */
    private static final String MANAGER = "10289d7a9a2e7e82ccb3dc3f8d4e4b8ab3a0d7d08a3d98d61ef5b7d0b4a7b9f0 guild_manager "
            + "mei stars,moons\n"
            + "d7a2a3b3cf3b9b9e0b1f3f6d0f7c9e8a1b2c3d4e5f60718293a4b5c6d7e8f901 moderator mei";
    private static final byte[] KEY = new byte[32];
    private final AtomicReference<BearerTokens> tokens = new AtomicReference<>(BearerTokens.parse(READER));
    private Instant now = Instant.parse("2026-12-01T08:00:00Z");
    /** The sessions the server keeps, by the hex of their id's hash. */
    private final Map<String, Instant> kept = new HashMap<>();
    private final SignedInSessions signedIn = new SignedInSessions() {
        @Override
        public void start(byte[] idHash, Instant expiresAt, Instant now) {
            kept.put(HexFormat.of().formatHex(idHash), expiresAt);
        }

        @Override
        public boolean holds(byte[] idHash, Instant now) {
            return kept.getOrDefault(HexFormat.of().formatHex(idHash), Instant.MIN).isAfter(now);
        }

        @Override
        public void end(byte[] idHash) {
            kept.remove(HexFormat.of().formatHex(idHash));
        }
    };
    private final ConsoleAccess access = new ConsoleAccess(tokens::get, signedIn, KEY, false, new Clock() {
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
        ConsoleAccess.Session session = access.signIn(access.holderOf("reader-secret").orElseThrow()
                .tokenHash());
        ConsoleAccess.Session read = access.read(access.cookieValue(session)).orElseThrow();
        assertEquals(Visitor.holder(Caller.identified("desk", Scope.EVERY_GUILD, Set.of()), Role.READER),
                access.visitorOf(read));
        now = now.plus(ConsoleAccess.SESSION_LIFETIME).plus(Duration.ofSeconds(1));
        assertEquals(Optional.empty(), access.read(access.cookieValue(session)));
    }

    @Test
    void aGuildManagersSessionSeesItsGuildsAndItsActorManagesThemWhicheverTokenItSignsInWith() {
        tokens.set(BearerTokens.parse(READER + "\n" + MANAGER));
        Visitor manager = access.visitorOf(access.signIn(HexFormat.of().parseHex(MANAGER.substring(0, 64))));
        assertEquals(Scope.of(Set.of("stars", "moons")), manager.scope());
        assertEquals(Optional.of(Role.GUILD_MANAGER), manager.role());
        Visitor moderator = access.visitorOf(access.signIn(HexFormat.of().parseHex(
                MANAGER.substring(MANAGER.indexOf('\n') + 1, MANAGER.indexOf('\n') + 65))));
        assertEquals(Scope.EVERY_GUILD, moderator.scope());
        assertEquals(Set.of("stars", "moons"), moderator.caller().managedGuilds(), "no deciding its own guilds' appeals");
    }

    @Test
    void signingOutEndsEveryCopyOfTheSessionAndASignedCookieTheServerDidNotStartIsNoSession() {
        ConsoleAccess.Session session = access.signIn(access.holderOf("reader-secret").orElseThrow().tokenHash());
        String copied = access.cookieValue(session);
        access.signOut(session);
        assertFalse(access.visitorOf(access.read(copied).orElseThrow()).signedIn(), "the copy is signed out too");

        ConsoleAccess.Session minted = new ConsoleAccess.Session(new byte[16], now.plus(Duration.ofHours(1)),
                Optional.of(access.holderOf("reader-secret").orElseThrow().tokenHash()));
        assertFalse(access.visitorOf(access.read(access.cookieValue(minted)).orElseThrow()).signedIn(),
                "signed with the key from the store, but never started");
    }

    @Test
    void anAlteredCookieIsNoSession() {
        String cookie = access.cookieValue(access.anonymousSession());
        char[] altered = cookie.toCharArray();
        altered[3] = altered[3] == 'A' ? 'B' : 'A';
        assertEquals(Optional.empty(), access.read(new String(altered)));
        assertEquals(Optional.empty(), access.read("no-dot"));
        assertEquals(Optional.empty(), access.read("%%%.%%%"));
    }

    @Test
    void aTokenRemovedFromTheFileEndsItsSessions() {
        ConsoleAccess.Session session = access.signIn(access.holderOf("reader-secret").orElseThrow()
                .tokenHash());
        tokens.set(BearerTokens.parse(READER.replace("f03319", "a03319")));
        assertFalse(access.visitorOf(session).signedIn());
    }

    @Test
    void theCsrfTokenIsTheSessionsOwn() {
        ConsoleAccess.Session one = access.anonymousSession();
        ConsoleAccess.Session other = access.anonymousSession();
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
        Visitor reader = Visitor.holder(Caller.identified("desk", Scope.EVERY_GUILD, Set.of()), Role.READER);
        assertTrue(reader.may(Methods.GET_ANCHOR));
        assertTrue(Arrays.asList(Methods.DECIDE_APPEAL, Methods.RECORD_GUILD_VIOLATION, Methods.PUBLISH_POLICY,
                Methods.SIMULATE_POLICY, Methods.FILE_APPEAL).stream().noneMatch(reader::may));
        Visitor moderator = Visitor.holder(Caller.identified("desk", Scope.EVERY_GUILD, Set.of()), Role.MODERATOR);
        assertTrue(moderator.may(Methods.RECORD_GUILD_VIOLATION));
        assertFalse(moderator.may(Methods.PUBLISH_POLICY));
        Visitor manager = Visitor.holder(Caller.identified("mei", Scope.of(Set.of("stars")), Set.of("stars")),
                Role.GUILD_MANAGER);
        assertTrue(Arrays.asList(Methods.ADD_GUILD_MEMBER, Methods.REMOVE_GUILD_MEMBER, Methods.FILE_APPEAL,
                Methods.GET_ANCHOR).stream().allMatch(manager::may));
        assertTrue(Arrays.asList(Methods.DECIDE_APPEAL, Methods.RECORD_GUILD_VIOLATION, Methods.CREATE_GUILD,
                Methods.ADJUST_SCORE, Methods.SIMULATE_POLICY).stream().noneMatch(manager::may));
        assertTrue(Visitor.LOCAL.may(Methods.PUBLISH_POLICY));
        assertFalse(Visitor.NOBODY.may(Methods.GET_ANCHOR));
        assertTrue(Visitor.NOBODY.may(Methods.LIST_PUBLIC_NOTICES));
    }
}
