package com.anchorhealth.adapter.access;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BearerTokensTest {
    /** printf '%s' reader-secret | sha256sum */
    private static final String READER_SECRET_HASH = "f03319dee240faa729e0cfa7ab5ffd80a1d64a127e3643f239009abff6382914";
    /** printf '%s' admin-secret | sha256sum */
    private static final String ADMIN_SECRET_HASH = "16175223c8ddce5ace0493c948569c211b03c4c6bb3d3e484434999448cffe01";

    @Test
    void findsTheHolderOfATokenByItsHash() {
        BearerTokens tokens = BearerTokens.parse("""
                # recommendation reads, ops administers
                %s reader recommendation

                   %s   admin   ops@example
                """.formatted(READER_SECRET_HASH, ADMIN_SECRET_HASH.toUpperCase()));

        assertEquals(2, tokens.size());
        BearerTokens.Holder reader = tokens.holderOf("reader-secret").orElseThrow();
        assertEquals("recommendation", reader.actor());
        assertEquals(Role.READER, reader.role());
        assertEquals("ops@example", tokens.holderOf("admin-secret").orElseThrow().actor(), "hex in either case");
        assertEquals(Optional.empty(), tokens.holderOf("reader-secret "));
        assertEquals(Optional.empty(), tokens.holderOf(READER_SECRET_HASH), "the hash itself is no token");
        assertEquals(Optional.empty(), tokens.holderOf(""));
    }

    @Test
    void aLineMayNameTheGuildsItsHolderSeesAndTheEarlierBackofficeRoleIsAModerator() {
        BearerTokens tokens = BearerTokens.parse("""
                %s guild_manager mei stars,moons
                %s backoffice mei
                """.formatted(READER_SECRET_HASH, ADMIN_SECRET_HASH));
        BearerTokens.Holder manager = tokens.holderOf("reader-secret").orElseThrow();
        assertEquals(Role.GUILD_MANAGER, manager.role());
        assertEquals(Set.of("stars", "moons"), manager.guilds());
        assertTrue(manager.scoped());
        BearerTokens.Holder moderator = tokens.holderOf("admin-secret").orElseThrow();
        assertEquals(Role.MODERATOR, moderator.role());
        assertFalse(moderator.scoped());
        assertEquals(Set.of("stars", "moons"), tokens.guildsManagedBy("mei"), "under any of the actor's tokens");
        assertEquals(Set.of(), tokens.guildsManagedBy("someone-else"));
        assertEquals(Set.of("stars"), BearerTokens.parse(READER_SECRET_HASH + " reader desk stars")
                .holderOf("reader-secret").orElseThrow().guilds(), "a scoped reader");
    }

    @Test
    void noTokensMeansNoAuthentication() {
        assertTrue(BearerTokens.none().isEmpty());
        assertFalse(BearerTokens.parse(READER_SECRET_HASH + " reader r").isEmpty());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "HASH reader|line 2: expected <sha256 hex of the token> <role> <actor> [<guild id>,…], got 2 fields",
            "HASH reader a b c|line 2: expected <sha256 hex of the token> <role> <actor> [<guild id>,…], got 5 fields",
            "HASH guild_manager a|line 2: a guild_manager line names its guilds after the actor",
            "HASH moderator a stars|line 2: only guild_manager and reader lines name guilds",
            "HASH guild_manager a stars,,moons|line 2: guilds are guild ids",
            "HASH guild_manager a stars/moons|line 2: guilds are guild ids",
            "abc123 reader a|line 2: the token hash must be 64 hex digits (sha256sum)",
            "HASH root a|line 2: the role must be one of admin, moderator, guild_manager, reader, ingest, not 'root'",
            "HASH Reader a|line 2: the role must be one of admin, moderator, guild_manager, reader, ingest, not 'Reader'",
            "HASH reader a/b|line 2: the actor name must be 1-64 characters",
            "HASH reader a|line 2: the same token hash is listed twice",
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 reader a|line 2: that is the hash of the "
                    + "empty token",
    })
    void aBadLineIsRefusedWithItsNumber(String line, String reason) {
        String text = ADMIN_SECRET_HASH + " admin ops\n" + line.replace("HASH", ADMIN_SECRET_HASH) + "\n";
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> BearerTokens.parse(text));
        assertTrue(error.getMessage().startsWith(reason), error.getMessage());
    }

    @Test
    void aFileWithoutTokensIsRefused() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> BearerTokens.parse("# nobody yet\n\n"));
        assertTrue(error.getMessage().startsWith("holds no tokens"), error.getMessage());
    }
}
