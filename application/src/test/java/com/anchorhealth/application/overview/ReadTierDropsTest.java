package com.anchorhealth.application.overview;

import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.mockito.Mockito.when;

class ReadTierDropsTest {
    private static final int PAGE = 25;

    private final Ports ports = Ports.enforced();
    private final ReadTierDrops drops = new ReadTierDrops(ports.outbox, ports.anchors);

    /** A page of drops at feed positions 100 down to 76, kai's the newest three. */
    private final List<StandingChange> newest = IntStream.range(0, PAGE)
            .mapToObj(i -> drop(String.valueOf(100 - i), i < 3 ? "kai" : "anchor-" + i)).toList();

    /** The store is asked for the page shown, and nothing more: never the whole feed. */
    @Test
    void aPageReadsOnlyThePageItShowsAndTheNamesOfItsAnchors() {
        Page<StandingChange> page = new Page<>(newest, Optional.of("76"));
        when(ports.outbox.tierDrops(Optional.empty(), PageRequest.first(PAGE))).thenReturn(page);
        when(ports.anchors.findAll(anyList())).thenReturn(List.of(StoredAnchors.anchor("kai").record()));

        ReadTierDrops.Drops read = drops.read(Scope.EVERY_GUILD, PageRequest.first(PAGE));

        assertEquals(page, read.drops());
        assertEquals("Anchor kai", read.nameOf(new AnchorId("kai")));
        assertEquals("anchor-3", read.nameOf(new AnchorId("anchor-3")), "an anchor without a name keeps its id");
        verify(ports.outbox).tierDrops(Optional.empty(), PageRequest.first(PAGE));
        verifyNoMoreInteractions(ports.outbox);
        verify(ports.anchors).findAll(newest.stream().map(StandingChange::anchorId).distinct().toList());
    }

    @Test
    void aGuildManagerAsksForItsGuildsDropsOnly() {
        Scope stars = Scope.of(Set.of("stars"));
        when(ports.outbox.tierDrops(stars.guilds(), PageRequest.first(PAGE))).thenReturn(new Page<>(List.of(),
                Optional.empty()));

        drops.read(stars, PageRequest.first(PAGE));

        verify(ports.outbox).tierDrops(Optional.of(Set.of("stars")), PageRequest.first(PAGE));
    }

    /** Pages line up with the first: a previous page short at the start is the first page, and one after a pruned drop the last. */
    @Test
    void pagesLineUpFromTheNewest() {
        PageRequest shortOfAPage = PageRequest.before(PAGE, "98");
        when(ports.outbox.tierDrops(Optional.empty(), shortOfAPage)).thenReturn(new Page<>(newest.subList(0, 2),
                Optional.of("99")));
        when(ports.outbox.tierDrops(Optional.empty(), PageRequest.first(PAGE))).thenReturn(new Page<>(newest,
                Optional.of("76")));
        assertEquals(newest, drops.read(Scope.EVERY_GUILD, shortOfAPage).drops().items());

        PageRequest afterPruned = new PageRequest(PAGE, Optional.of("3"));
        List<StandingChange> oldest = List.of(drop("40", "leo"));
        when(ports.outbox.tierDrops(Optional.empty(), afterPruned)).thenReturn(new Page<>(List.of(), Optional.empty()));
        when(ports.outbox.tierDrops(Optional.empty(), PageRequest.last(PAGE))).thenReturn(new Page<>(oldest,
                Optional.empty(), Optional.of("40")));
        assertEquals(oldest, drops.read(Scope.EVERY_GUILD, afterPruned).drops().items());

        var asked = inOrder(ports.outbox);
        asked.verify(ports.outbox).tierDrops(Optional.empty(), shortOfAPage);
        asked.verify(ports.outbox).tierDrops(Optional.empty(), PageRequest.first(PAGE));
        asked.verify(ports.outbox).tierDrops(Optional.empty(), afterPruned);
        asked.verify(ports.outbox).tierDrops(Optional.empty(), PageRequest.last(PAGE));
    }

    private static StandingChange drop(String changeId, String anchorId) {
        return new StandingChange(changeId, new AnchorId(anchorId), 2, 41, 38, Tier.NORMAL, Tier.RESTRICTED, Set.of(),
                ChangeCause.VIOLATION_RECORDED, Optional.empty(), Instant.parse("2026-12-06T08:00:00Z"));
    }
}
