package com.anchorhealth.application.anchor;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.fixtures.Ports;
import com.anchorhealth.application.fixtures.StoredAnchors;
import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.AnchorFilter;
import com.anchorhealth.application.port.out.anchor.AnchorOrder;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.domain.vocabulary.AnchorId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Which lists the standing index answers, and how its pages read their rows from the store. */
class AnchorListsTest {
    private static final AnchorFilter RESTRICTED = new AnchorFilter(20, 39, Optional.empty());

    private final Ports ports = Ports.enforced();
    private final AnchorLists lists = new AnchorLists(ports.anchors, ports.index);

    /** The index places {@code id} at {@code score}; the store's row says {@code storedScore}. */
    private AnchorRecord indexed(String id, int score, int storedScore) {
        ports.index.publish(new AnchorId(id), 2, StoredAnchors.anchor(id).score(score, 2).record().anchor().facts());
        return StoredAnchors.anchor(id).score(storedScore, 1).record();
    }

    @Test
    void aPageInScoreOrderIsTheIndexsOrderOfTheRowsReadByTheirIds() {
        AnchorRecord mia = indexed("mia", 30, 30);
        AnchorRecord kai = indexed("kai", 25, 25);
        AnchorRecord ann = indexed("ann", 30, 30);
        indexed("zed", 60, 60);
        when(ports.anchors.findAll(anyCollection())).thenReturn(List.of(mia, ann, kai));

        Page<AnchorRecord> page = lists.list(RESTRICTED, AnchorOrder.SCORE_ASCENDING, PageRequest.first(2));

        assertEquals(List.of(kai, ann), page.items());
        assertEquals(Optional.of("30/ann"), page.nextAfter());
        verify(ports.anchors).findAll(List.of(new AnchorId("kai"), new AnchorId("ann"), new AnchorId("mia")));
        verify(ports.anchors, never()).list(any(), any(), any());
    }

    @Test
    void theIndexsScoreOrdersThePageWhileTheRowCatchesUp() {
        AnchorRecord kai = indexed("kai", 35, 20);
        AnchorRecord ann = indexed("ann", 25, 25);
        when(ports.anchors.findAll(anyCollection())).thenReturn(List.of(kai, ann));

        Page<AnchorRecord> page = lists.list(RESTRICTED, AnchorOrder.SCORE_DESCENDING,
                PageRequest.before(25, "10/bob"));

        assertEquals(List.of(kai, ann), page.items());
        assertEquals(Optional.of("25/ann"), page.nextAfter());
        assertEquals(Optional.empty(), page.previousBefore());
    }

    @Test
    void anAnchorWhoseRowIsNotThereYetIsLeftOff() {
        AnchorRecord kai = indexed("kai", 25, 25);
        indexed("ann", 30, 30);
        when(ports.anchors.findAll(anyCollection())).thenReturn(List.of(kai));

        assertEquals(List.of(kai), lists.list(RESTRICTED, AnchorOrder.ID, PageRequest.first(25)).items());
    }

    @Test
    void aCountIsTheIndexsFromTheKeyOfItsOrder() {
        indexed("kai", 25, 25);
        indexed("ann", 30, 30);
        indexed("mia", 39, 39);
        indexed("zed", 40, 40);

        assertEquals(new ListCount(3, 1), lists.count(RESTRICTED, AnchorOrder.SCORE_DESCENDING, Optional.of("30/ann")));
        assertEquals(new ListCount(3, 2), lists.count(RESTRICTED, AnchorOrder.ID, Optional.of("mia")));
        verify(ports.anchors, never()).count(any(), any(), any());
    }

    @Test
    void aKeyTheListNeverGaveIsTheCallersError() {
        InvalidRequestException refused = assertThrows(InvalidRequestException.class,
                () -> lists.list(RESTRICTED, AnchorOrder.SCORE_ASCENDING, new PageRequest(25, Optional.of("kai"))));

        assertEquals("page_token", refused.violations().get(0).field());
    }

    @ParameterizedTest
    @EnumSource(AnchorOrder.class)
    void aGuildOrATextIsFilteredByTheStore(AnchorOrder order) {
        PageRequest page = PageRequest.first(25);
        for (AnchorFilter filter : List.of(new AnchorFilter(20, 39, Optional.of(Set.of("stars"))),
                new AnchorFilter(20, 39, Optional.empty(), Optional.of("mi")))) {
            Page<AnchorRecord> stored = new Page<>(List.of(), Optional.empty());
            when(ports.anchors.list(filter, order, page)).thenReturn(stored);

            assertEquals(stored, lists.list(filter, order, page));
        }
    }

    @Test
    void theWholeListByIdOrByNameIsTheStores() {
        PageRequest page = PageRequest.first(25);
        lists.list(AnchorFilter.ALL, AnchorOrder.ID, page);
        lists.list(RESTRICTED, AnchorOrder.NAME, page);

        verify(ports.anchors).list(AnchorFilter.ALL, AnchorOrder.ID, page);
        verify(ports.anchors).list(RESTRICTED, AnchorOrder.NAME, page);
    }
}
