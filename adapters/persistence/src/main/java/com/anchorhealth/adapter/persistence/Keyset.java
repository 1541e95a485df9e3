package com.anchorhealth.adapter.persistence;

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
}
