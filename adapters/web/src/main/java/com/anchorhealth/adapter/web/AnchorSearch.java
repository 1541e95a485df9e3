package com.anchorhealth.adapter.web;

/**
 * The anchor search form's values as the visitor typed them, and the list's order: for the form, the
 * column headers' links and the pages' links.
 */
public record AnchorSearch(String text, String tier, String guild, String min, String max, String sort) {
    /** The filters, without the order: what a column header's link keeps. */
    String filters() {
        return "q=" + Console.encode(text) + "&tier=" + Console.encode(tier) + "&guild=" + Console.encode(guild)
                + "&min=" + Console.encode(min) + "&max=" + Console.encode(max);
    }

    /** The filters and the order: what a page's links keep. */
    String query() {
        return filters() + "&sort=" + Console.encode(sort);
    }
}
