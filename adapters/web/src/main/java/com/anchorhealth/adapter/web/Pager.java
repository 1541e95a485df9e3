package com.anchorhealth.adapter.web;

import com.anchorhealth.application.list.CountedPage;
import com.anchorhealth.application.list.Page;

import java.util.function.Function;

/**
 * A list's paging as its page shows it: where the page stands ("26–50 of 3,333", "page 2 of 134")
 * when the list is counted, and the links to its first, previous, next and last pages, each empty
 * where there is none. Pages are keyset pages, so there are no links to page 57: a number would need
 * the database to skip every row before it.
 */
public record Pager(String range, String position, String first, String previous, String next, String last) {

    /** Whether there is anything to show: a count, or another page. */
    public boolean shown() {
        return !range.isEmpty() || !previous.isEmpty() || !next.isEmpty();
    }

    /**
     * The paging of a counted list whose default page is its start. {@code href} makes a link of the
     * list's position in the query ({@code after=…}, {@code before=…}, {@code end=last}, or empty).
     */
    static Pager counted(CountedPage<?> counted, int size, Labels labels, Function<String, String> href) {
        Pager links = links(counted.page(), "", false, href);
        if (counted.total() == 0) {
            return links;
        }
        long pages = (counted.total() + size - 1) / size;
        // A page read back from the end may start between two pages read from the start: it is the later one.
        long number = Math.min(pages, (counted.before() + size - 1) / size + 1);
        return new Pager(labels.t("pager.range", counted.from(), counted.to(), counted.total()),
                pages > 1 ? labels.t("pager.page", number, pages) : "", links.first, links.previous, links.next,
                links.last);
    }

    /**
     * The links of a list read without a count. {@code prefix} names its position in the query (a
     * page with two lists); {@code fromEnd}: the default page is the list's end (a history's newest).
     */
    static Pager links(Page<?> page, String prefix, boolean fromEnd, Function<String, String> href) {
        String previous = page.previousBefore().map(key -> href.apply(prefix + "before=" + Console.encode(key)))
                .orElse("");
        String next = page.nextAfter().map(key -> href.apply(prefix + "after=" + Console.encode(key))).orElse("");
        return new Pager("", "", previous.isEmpty() ? "" : href.apply(fromEnd ? prefix + "end=first" : ""),
                previous, next, next.isEmpty() ? "" : href.apply(fromEnd ? "" : prefix + "end=last"));
    }
}
