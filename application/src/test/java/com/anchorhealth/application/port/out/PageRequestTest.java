package com.anchorhealth.application.port.out;

import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Pages lined up with one end of a list, over a list of 60 items read as a store reads them. */
class PageRequestTest {
    private static final List<Integer> ITEMS = IntStream.rangeClosed(1, 60).boxed().toList();

    @Test
    void aPreviousPageThatReachesTheStartShortIsTheFirstPageOfAListLinedUpFromItsStart() {
        assertEquals(range(1, 10), read(PageRequest.before(25, "11")).items(), "as the store reads it");
        assertEquals(range(1, 25), PageRequest.before(25, "11").readAlignedToStart(PageRequestTest::read).items());
        assertEquals(range(26, 50), PageRequest.before(25, "51").readAlignedToStart(PageRequestTest::read).items(),
                "a whole page stays");
        assertEquals(range(51, 60), new PageRequest(25, Optional.of("50")).readAlignedToStart(PageRequestTest::read)
                .items(), "the last page of such a list may be short");
        assertEquals(range(36, 60), new PageRequest(25, Optional.of("60")).readAlignedToStart(PageRequestTest::read)
                .items(), "after the last item (the list shrank since), the last page");
    }

    @Test
    void aNextPageThatReachesTheEndShortIsTheLastPageOfAListLinedUpFromItsEnd() {
        assertEquals(range(51, 60), read(new PageRequest(50, Optional.of("50"))).items(), "as the store reads it");
        assertEquals(range(11, 60), new PageRequest(50, Optional.of("50")).readAlignedToEnd(PageRequestTest::read)
                .items());
        assertEquals(range(1, 10), PageRequest.before(50, "11").readAlignedToEnd(PageRequestTest::read).items(),
                "the first page of such a list may be short");
        assertEquals(range(1, 50), PageRequest.before(50, "1").readAlignedToEnd(PageRequestTest::read).items(),
                "before the first item, the first page");
    }

    @Test
    void aListReadForwardOnlyRefusesABackwardRequest() {
        assertThrows(IllegalStateException.class, () -> PageRequest.last(10).after());
    }

    private static List<Integer> range(int from, int to) {
        return ITEMS.subList(from - 1, to);
    }

    /** Keyset reads over ITEMS, keys their numbers: the items after or just before the key, in order. */
    private static Page<Integer> read(PageRequest request) {
        int key = request.key().map(Integer::valueOf).orElse(request.backward() ? ITEMS.size() + 1 : 0);
        int from = request.backward() ? Math.max(1, key - request.size()) : key + 1;
        int to = request.backward() ? key - 1 : Math.min(ITEMS.size(), key + request.size());
        List<Integer> items = from > to ? List.of() : range(from, to);
        boolean next = !items.isEmpty() && items.get(items.size() - 1) < ITEMS.size();
        boolean previous = !items.isEmpty() && items.get(0) > 1;
        return new Page<>(items, next ? Optional.of(Integer.toString(to)) : Optional.empty(),
                previous ? Optional.of(Integer.toString(from)) : Optional.empty());
    }
}
