package com.anchorhealth.application.overview;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.port.out.ChangeCause;
import com.anchorhealth.application.port.out.CountedPage;
import com.anchorhealth.application.port.out.PageRequest;
import com.anchorhealth.application.port.out.StandingChange;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.when;

class ReadTierDropsTest {
    private final Ports ports = Ports.enforced();
    private final ReadTierDrops drops = new ReadTierDrops(ports.outbox, ports.anchors, new ScopeChecks(ports.anchors));

    /** Twelve drops, newest first, as the outbox answers: kai's three, then others'. */
    private final List<StandingChange> held = IntStream.range(0, 12)
            .mapToObj(i -> drop("d" + i, i < 3 ? "kai" : "anchor-" + i, Instant.parse("2026-12-06T08:00:00Z")
                    .minusSeconds(60L * i))).toList();

    @Test
    void everyDropTheFeedHoldsIsListedNewestFirstAndPagedBothWays() {
        when(ports.outbox.tierDropsSince(Instant.EPOCH, ReadTierDrops.MOST)).thenReturn(held);
        when(ports.anchors.findAll(anyList())).thenReturn(List.of(StoredAnchors.anchor("kai").record()));

        ReadTierDrops.Drops first = drops.read(Scope.EVERY_GUILD, PageRequest.first(5));
        assertEquals(List.of("d0", "d1", "d2", "d3", "d4"), ids(first.drops()));
        assertEquals(12, first.drops().total());
        assertEquals(0, first.drops().before());
        assertEquals("Anchor kai", first.nameOf(new AnchorId("kai")), "every drop of kai's, not only its newest");
        assertEquals(Optional.empty(), first.drops().page().previousBefore());
        assertFalse(first.truncated());

        ReadTierDrops.Drops second = drops.read(Scope.EVERY_GUILD,
                new PageRequest(5, first.drops().page().nextAfter()));
        assertEquals(List.of("d5", "d6", "d7", "d8", "d9"), ids(second.drops()));
        assertEquals(5, second.drops().before());
        ReadTierDrops.Drops last = drops.read(Scope.EVERY_GUILD, PageRequest.last(5));
        assertEquals(List.of("d7", "d8", "d9", "d10", "d11"), ids(last.drops()));
        assertEquals(Optional.empty(), last.drops().page().nextAfter());
        ReadTierDrops.Drops back = drops.read(Scope.EVERY_GUILD,
                PageRequest.before(5, second.drops().page().previousBefore().orElseThrow()));
        assertEquals(ids(first.drops()), ids(back.drops()), "back from the second page is the first");
        ReadTierDrops.Drops shortOfAPage = drops.read(Scope.EVERY_GUILD, PageRequest.before(5, "d3"));
        assertEquals(ids(first.drops()), ids(shortOfAPage.drops()), "a previous page short at the start is the first");
        ReadTierDrops.Drops pruned = drops.read(Scope.EVERY_GUILD, new PageRequest(5, Optional.of("pruned-since")));
        assertEquals(ids(last.drops()), ids(pruned.drops()), "after a drop pruned since: the last page");
    }

    @Test
    void aGuildManagerSeesItsGuildsDropsOnlyAndAFullReadSaysSo() {
        List<StandingChange> many = new ArrayList<>(held);
        while (many.size() < ReadTierDrops.MOST) {
            many.add(drop("x" + many.size(), "rival", Instant.parse("2026-12-01T00:00:00Z")));
        }
        when(ports.outbox.tierDropsSince(eq(Instant.EPOCH), eq(ReadTierDrops.MOST))).thenReturn(many);
        when(ports.anchors.findAll(anyList())).thenReturn(List.of(StoredAnchors.anchor("kai").member("stars").record(),
                StoredAnchors.anchor("rival").member("rivals").record()));

        ReadTierDrops.Drops read = drops.read(Scope.of(Set.of("stars")), PageRequest.first(25));
        assertEquals(List.of("d0", "d1", "d2"), ids(read.drops()));
        assertEquals(3, read.drops().total());
        assertTrue(read.truncated());
    }

    private static List<String> ids(CountedPage<StandingChange> page) {
        return page.page().items().stream().map(StandingChange::changeId).toList();
    }

    private static StandingChange drop(String changeId, String anchorId, Instant at) {
        return new StandingChange(changeId, new AnchorId(anchorId), 2, 41, 38, Tier.NORMAL, Tier.RESTRICTED, Set.of(),
                ChangeCause.VIOLATION_RECORDED, Optional.empty(), at);
    }
}
