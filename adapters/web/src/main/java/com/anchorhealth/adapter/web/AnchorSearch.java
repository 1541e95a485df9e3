package com.anchorhealth.adapter.web;

/** The anchor search form's values as the visitor typed them: for the form, and the next page's link. */
public record AnchorSearch(String text, String tier, String guild, String min, String max) {
    String query() {
        return "q=" + Console.encode(text) + "&tier=" + Console.encode(tier) + "&guild=" + Console.encode(guild)
                + "&min=" + Console.encode(min) + "&max=" + Console.encode(max);
    }
}
