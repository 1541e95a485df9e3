package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.port.out.Page;
import com.anchorhealth.application.port.out.PageRequest;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Keyset pages: a query fetches one row more than asked, which says whether a next page exists. */
final class Keyset {
    private Keyset() {
    }

    static <T> Page<T> page(List<T> fetchedOneMore, PageRequest request, Function<T, String> key) {
        if (fetchedOneMore.size() <= request.size()) {
            return new Page<>(fetchedOneMore, Optional.empty());
        }
        List<T> items = fetchedOneMore.subList(0, request.size());
        return new Page<>(items, Optional.of(key.apply(items.get(items.size() - 1))));
    }

    /**
     * What {@code parse} makes of a page's key; a key this list never gave (another list's, or made
     * up) is the caller's error, not the store's.
     */
    static <T> T parsed(String after, Function<String, T> parse) {
        try {
            return parse.apply(after);
        } catch (RuntimeException notOurs) {
            throw InvalidRequestException.of("page_token", "is not a page token of this list");
        }
    }
}
