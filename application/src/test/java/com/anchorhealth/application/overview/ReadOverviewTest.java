package com.anchorhealth.application.overview;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.anchor.AnchorLists;
import com.anchorhealth.application.appeal.ReadAppeals;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.AnchorFilter;
import com.anchorhealth.application.port.out.anchor.AnchorOrder;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.application.port.out.guild.GuildFilter;
import com.anchorhealth.domain.guild.Guild;
import com.anchorhealth.domain.guild.GuildStatus;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.when;

class ReadOverviewTest {
    private final Ports ports = Ports.enforced();
    private final ReadOverview overview = new ReadOverview(ports.index, ports.outbox, ports.anchors,
            new AnchorLists(ports.anchors, ports.index), ports.notices,
            ports.policies, new ScopeChecks(ports.anchors), ports.guilds,
            new ReadAppeals(ports.appeals, ports.anchors, ports.policies, ports.index, ports.clock), ports.clock);

    @BeforeEach
    void storeIsEmptyUnlessTold() {
        when(ports.anchors.list(any(AnchorFilter.class), any(PageRequest.class)))
                .thenReturn(new Page<>(List.of(), Optional.empty()));
        when(ports.anchors.list(any(AnchorFilter.class), any(AnchorOrder.class), any(PageRequest.class)))
                .thenReturn(new Page<>(List.of(), Optional.empty()));
        when(ports.notices.listNewestFirst(any())).thenReturn(new Page<>(List.of(), Optional.empty()));
        when(ports.guilds.list(any(), any())).thenReturn(new Page<>(List.of(), Optional.empty()));
        when(ports.anchors.findAll(anyList())).thenReturn(List.of());
        when(ports.appeals.list(any(), any())).thenReturn(new Page<>(List.of(), Optional.empty()));
    }

    @Test
    void eachAnchorThatDroppedIsShownOnceByItsNewestDropAndItsName() {
        when(ports.outbox.tierDropsSince(any(), anyInt())).thenReturn(List.of(drop("kai", 38, Tier.RESTRICTED),
                drop("mia", 39, Tier.RESTRICTED), drop("kai", 41, Tier.NORMAL)));
        when(ports.anchors.findAll(anyList())).thenReturn(List.of(StoredAnchors.anchor("kai").record()));

        ReadOverview.Overview read = overview.read(Scope.EVERY_GUILD);

        assertEquals(List.of("kai", "mia"), read.recentDrops().stream().map(drop -> drop.anchorId().value()).toList());
        assertEquals(38, read.recentDrops().get(0).newScore(), "the newest of kai's drops");
        assertEquals("Anchor kai", read.nameOf(new AnchorId("kai")));
        assertEquals("mia", read.nameOf(new AnchorId("mia")), "an anchor gone since shows its id");
    }

    @Test
    void aGuildManagerSeesItsOwnGuildsDropsOnly() {
        when(ports.outbox.tierDropsSince(any(), anyInt())).thenReturn(List.of(drop("kai", 38, Tier.RESTRICTED),
                drop("mia", 39, Tier.RESTRICTED)));
        when(ports.anchors.findAll(anyList())).thenReturn(List.of(StoredAnchors.anchor("mia").member("stars").record(),
                StoredAnchors.anchor("kai").member("rivals").record()));

        assertEquals(List.of("mia"), overview.read(Scope.of(Set.of("stars"))).recentDrops().stream()
                .map(drop -> drop.anchorId().value()).toList());
    }

    @Test
    void activeGuildsWithinTenPointsAboveTheRemovalLineAreShownClosestFirst() {
        int line = ports.policy.guildRules().removalAtOrBelow();
        when(ports.guilds.list(argThat(filter -> filter.equals(new GuildFilter(Optional.of(GuildStatus.ACTIVE),
                line + 1, line + ReadOverview.NEAR_REMOVAL, Optional.empty()))), any()))
                .thenReturn(new Page<>(List.of(guild("far", line + 9), guild("near", line + 2)), Optional.empty()));

        assertEquals(List.of("near", "far"), overview.read(Scope.EVERY_GUILD).nearRemoval().stream()
                .map(Guild::guildId).toList());
    }

    private static StandingChange drop(String anchorId, int newScore, Tier newTier) {
        return new StandingChange("c-" + anchorId + newScore, new AnchorId(anchorId), 2, newScore + 4, newScore,
                Tier.NORMAL, newTier, Set.of(), ChangeCause.VIOLATION_RECORDED, Optional.empty(),
                Instant.parse("2026-12-06T08:00:00Z"));
    }

    private static Guild guild(String id, int score) {
        return new Guild(id, "Guild " + id, 100, score, GuildStatus.ACTIVE, 3, Instant.parse("2026-01-01T00:00:00Z"),
                Optional.empty());
    }
}
