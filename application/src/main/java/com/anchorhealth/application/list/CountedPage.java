package com.anchorhealth.application.list;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A page with the size of its list: {@code total} items match the list's filter, and {@code before}
 * of them come before the page's first item ("26–50 of 3,333"). Both are counted when the page is
 * read, so a page that others' writes moved says where it is now.
 */
public record CountedPage<T>(Page<T> page, long total, long before) {
    public CountedPage {
        Objects.requireNonNull(page, "page");
    }

    /** A list that holds nothing. */
    public static <T> CountedPage<T> empty() {
        return new CountedPage<>(new Page<>(List.of(), Optional.empty()), 0, 0);
    }

    /** The position of the page's first item, from 1; 0 when the page is empty. */
    public long from() {
        return page.items().isEmpty() ? 0 : before + 1;
    }

    /** The position of the page's last item. */
    public long to() {
        return before + page.items().size();
    }
}
