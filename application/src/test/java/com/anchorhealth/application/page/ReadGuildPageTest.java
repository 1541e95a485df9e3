package com.anchorhealth.application.page;

import com.anchorhealth.application.anchor.AnchorLists;
import com.anchorhealth.application.anchor.ListAnchors;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.guild.ExplainNotices;
import com.anchorhealth.application.guild.ExplainedNotice;
import com.anchorhealth.application.guild.ManageGuilds;
import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.AnchorOrder;
import com.anchorhealth.application.port.out.guild.GuildLedgerEntry;
import com.anchorhealth.application.port.out.guild.MemberAtRemoval;
import com.anchorhealth.domain.guild.Guild;
import com.anchorhealth.domain.guild.GuildEvent;
import com.anchorhealth.domain.guild.GuildEventKind;
import com.anchorhealth.domain.guild.GuildStatus;
import com.anchorhealth.domain.guild.PublicNotice;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ReadGuildPageTest {
    private static final Instant AT = Instant.parse("2026-12-01T00:00:00Z");

    private final Ports ports = Ports.enforced();
    private final ReadGuildPage pages = new ReadGuildPage(
            new ManageGuilds(ports.guilds, ports.anchors, ports.idempotentWrites(), ports.groupCommit(), ports.policies,
                    ports.clock),
            new ListAnchors(new AnchorLists(ports.anchors, ports.index), ports.policies, ports.index, ports.clock), ports.guilds, ports.notices,
            new ExplainNotices(ports.guilds, ports.policies),
            ports.policies, ports.clock);

    /**
     * A removed guild has no members left: its page lists the members it had at its removal, and its
     * notice with the charge that removed it, read from its ledger as the visitor's scope sees it.
     */
    @Test
    void aRemovedGuildsPageHoldsItsMembersAtRemovalAndItsNotice() {
        Guild removed = new Guild("stars", "Stars", 100, 40, GuildStatus.REMOVED, 4, AT, Optional.of(AT));
        when(ports.guilds.find("stars")).thenReturn(Optional.of(removed));
        when(ports.anchors.membersOf(List.of("stars"))).thenReturn(Map.of());
        MemberAtRemoval mia = new MemberAtRemoval(new AnchorId("mia"), "Mia", 71);
        when(ports.guilds.membersAtRemoval("stars", PageRequest.first(25)))
                .thenReturn(new Page<>(List.of(mia), Optional.empty()));
        when(ports.guilds.countMembersAtRemoval("stars", Optional.empty())).thenReturn(new ListCount(1, 0));
        PublicNotice notice = new PublicNotice("n1", PublicNotice.GUILD_REMOVED, "guilds/stars", 40, AT, "unpaid");
        when(ports.notices.findBySubject("guilds/stars")).thenReturn(Optional.of(notice));
        when(ports.guilds.ledger(eq("stars"), any(), any())).thenReturn(new Page<>(List.of(), Optional.empty()));
        GuildLedgerEntry charge = new GuildLedgerEntry(new GuildEvent("stars", 4, GuildEventKind.OWN_VIOLATION, -20,
                40, Optional.empty(), Optional.empty(), "unpaid", AT, "desk"), Optional.empty(), Optional.empty());
        when(ports.guilds.removal("stars", Optional.of(Set.of("stars")))).thenReturn(Optional.of(charge));

        ReadGuildPage.GuildPage page = pages.read(Scope.of(Set.of("stars")), query("stars"));

        assertEquals(List.of(mia), page.membersAtRemoval().page().items());
        assertEquals(1, page.membersAtRemoval().total());
        assertEquals(0, page.members().total());
        assertEquals(Optional.of(new ExplainedNotice(notice, Optional.of(new ExplainedNotice.Removal(
                ports.policy.guildRules().removalAtOrBelow(), charge)))), page.notice());
        assertEquals(ports.policy.guildRules().removalAtOrBelow(), page.removalLine());
        verify(ports.guilds).ledger("stars", Optional.of(Set.of("stars")), PageRequest.last(500));
    }

    @Test
    void anActiveGuildHasNoMembersAtRemovalToReadAndAnotherGuildIsNotFound() {
        Guild active = new Guild("stars", "Stars", 100, 90, GuildStatus.ACTIVE, 2, AT, Optional.empty());
        when(ports.guilds.find("stars")).thenReturn(Optional.of(active));
        when(ports.anchors.membersOf(List.of("stars"))).thenReturn(Map.of());
        when(ports.anchors.list(any(), any(AnchorOrder.class), any())).thenReturn(new Page<>(List.of(), Optional.empty()));
        when(ports.anchors.count(any(), any(), any())).thenReturn(new ListCount(0, 0));
        when(ports.guilds.ledger(eq("stars"), any(), any())).thenReturn(new Page<>(List.of(), Optional.empty()));

        ReadGuildPage.GuildPage page = pages.read(Scope.EVERY_GUILD, query("stars"));

        assertEquals(0, page.membersAtRemoval().total());
        verify(ports.guilds, never()).membersAtRemoval(anyString(), any());
        verify(ports.notices, never()).findBySubject(anyString());
        assertThrows(NotFoundException.class, () -> pages.read(Scope.of(Set.of("moons")), query("stars")));
    }

    private static ReadGuildPage.Query query(String guildId) {
        return new ReadGuildPage.Query(guildId, Optional.empty(), AnchorOrder.ID, PageRequest.first(25), 500);
    }
}
