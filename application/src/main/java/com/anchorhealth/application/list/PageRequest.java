package com.anchorhealth.application.list;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Keyset paging: up to {@code size} items next to {@code key} in key order. Read forward, the items
 * after the key (the first page without one); read backward, the items just before it (the last
 * page without one), still answered in key order. The key is an item's key as the port returned it
 * in {@link Page#nextAfter()} or {@link Page#previousBefore()}.
 */
public record PageRequest(int size, Optional<String> key, boolean backward) {
    public PageRequest {
        Objects.requireNonNull(key, "key");
        if (size < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
    }

    /** Forward, after a key or from the start. */
    public PageRequest(int size, Optional<String> after) {
        this(size, after, false);
    }

    public static PageRequest first(int size) {
        return new PageRequest(size, Optional.empty());
    }

    public static PageRequest last(int size) {
        return new PageRequest(size, Optional.empty(), true);
    }

    public static PageRequest before(int size, String key) {
        return new PageRequest(size, Optional.of(key), true);
    }

    /**
     * Reads this page of a list whose pages line up from its start (the first page is whole): a
     * previous page that reaches the start short of a page is the first page instead, and a page
     * after a key that nothing follows any more is the last page.
     */
    public <T> Page<T> readAlignedToStart(Function<PageRequest, Page<T>> read) {
        Page<T> page = read.apply(this);
        if (key.isEmpty()) {
            return page;
        }
        if (backward && page.previousBefore().isEmpty() && page.items().size() < size) {
            return read.apply(first(size));
        }
        return !backward && page.items().isEmpty() ? read.apply(last(size)) : page;
    }

    /**
     * Reads this page of a list whose pages line up from its end (a history, its newest page whole):
     * a next page that reaches the end short of a page is the last page instead, and a page before a
     * key that nothing precedes any more is the first page.
     */
    public <T> Page<T> readAlignedToEnd(Function<PageRequest, Page<T>> read) {
        Page<T> page = read.apply(this);
        if (key.isEmpty()) {
            return page;
        }
        if (!backward && page.nextAfter().isEmpty() && page.items().size() < size) {
            return read.apply(last(size));
        }
        return backward && page.items().isEmpty() ? read.apply(first(size)) : page;
    }

    /**
     * The key to continue after, for a list that is read forward only: a backward request is a
     * caller's mistake there, not a first page.
     */
    public Optional<String> after() {
        if (backward) {
            throw new IllegalStateException("this list is read forward only");
        }
        return key;
    }
}
