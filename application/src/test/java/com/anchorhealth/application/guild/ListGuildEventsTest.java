package com.anchorhealth.application.guild;

import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.guild.GuildLedgerEntry;
import com.anchorhealth.domain.guild.Guild;
import com.anchorhealth.domain.guild.GuildStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ListGuildEventsTest {
    private final Ports ports = Ports.enforced();

    @Test
    void anUnknownGuildIsNotFoundRatherThanAnEmptyLedger() {
        when(ports.guilds.find("stars")).thenReturn(Optional.empty());

        NotFoundException missing = assertThrows(NotFoundException.class,
                () -> new ListGuildEvents(ports.guilds).list(Scope.EVERY_GUILD, "stars", PageRequest.first(10)));

        assertEquals("guilds/stars", missing.resourceName());
        verify(ports.guilds, never()).events(any(), any());
        assertThrows(NotFoundException.class,
                () -> new ListGuildEvents(ports.guilds).ledger(Scope.EVERY_GUILD, "stars", PageRequest.first(10)));
    }

    /** The console's ledger names only the members the caller sees now: its scope goes to the store. */
    @Test
    void theLedgerNamesMembersWithinTheCallersScope() {
        when(ports.guilds.find("stars")).thenReturn(Optional.of(new Guild("stars", "Stars", 100, 100,
                GuildStatus.ACTIVE, 1, Instant.EPOCH, Optional.empty())));
        Page<GuildLedgerEntry> stored = new Page<>(List.of(), Optional.empty());
        when(ports.guilds.ledger("stars", Optional.of(Set.of("stars")), PageRequest.first(10))).thenReturn(stored);

        assertSame(stored, new ListGuildEvents(ports.guilds).ledger(Scope.of(Set.of("stars")), "stars",
                PageRequest.first(10)));
        assertThrows(NotFoundException.class, () -> new ListGuildEvents(ports.guilds).ledger(Scope.of(Set.of("moons")),
                "stars", PageRequest.first(10)), "another guild's ledger");
    }
}
