package com.anchorhealth.application.list;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of items; the key to continue after, empty on the last page; and the key to read the
 * previous page before, empty on the first page or where a list does not say (lists read forward
 * only).
 */
public record Page<T>(List<T> items, Optional<String> nextAfter, Optional<String> previousBefore) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextAfter, "nextAfter");
        Objects.requireNonNull(previousBefore, "previousBefore");
    }

    public Page(List<T> items, Optional<String> nextAfter) {
        this(items, nextAfter, Optional.empty());
    }

    /**
     * The page a keyset read found: {@code fetched} holds the items on the request's way from its key,
     * in the order read (backward for a backward request), up to one more than the page, which says
     * that another page lies that way.
     */
    public static <T> Page<T> ofRead(PageRequest request, List<T> fetched, Function<T, String> keyOf) {
        boolean more = fetched.size() > request.size();
        List<T> items = new ArrayList<>(more ? fetched.subList(0, request.size()) : fetched);
        Optional<String> fromKey = request.key().isPresent() && !items.isEmpty()
                ? Optional.of(keyOf.apply(items.get(0))) : Optional.empty();
        Optional<String> beyond = more ? Optional.of(keyOf.apply(items.get(items.size() - 1))) : Optional.empty();
        if (!request.backward()) {
            return new Page<>(items, beyond, fromKey);
        }
        Collections.reverse(items);
        return new Page<>(items, fromKey, beyond);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return withItems(items.stream().map(mapper).toList());
    }

    /** The same place in the list with other items, one for each of these (their views, say). */
    public <R> Page<R> withItems(List<R> others) {
        if (others.size() != items.size()) {
            throw new IllegalArgumentException(others.size() + " items for a page of " + items.size());
        }
        return new Page<>(others, nextAfter, previousBefore);
    }
}
