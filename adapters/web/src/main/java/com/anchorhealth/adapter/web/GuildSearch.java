package com.anchorhealth.adapter.web;

/** The guild filter form's values as typed: for the form, and the next page's link. */
public record GuildSearch(String status, String min, String max) {
    String query() {
        return "status=" + Console.encode(status) + "&min=" + Console.encode(min) + "&max=" + Console.encode(max);
    }
}
