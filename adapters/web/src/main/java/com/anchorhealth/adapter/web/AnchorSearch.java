package com.anchorhealth.adapter.web;

import com.anchorhealth.application.anchor.ListAnchors;
import com.anchorhealth.domain.vocabulary.Tier;
import io.javalin.http.Context;

/**
 * The anchor search form's values as the visitor typed them, and the list's order: for the form, the
 * column headers' links, the pages' links and the export.
 */
public record AnchorSearch(String text, String tier, String guild, String min, String max, String sort) {
    static AnchorSearch of(Context ctx) {
        return new AnchorSearch(Forms.optionalText(ctx.queryParam("q")), Forms.optionalText(ctx.queryParam("tier")),
                Forms.optionalText(ctx.queryParam("guild")), Forms.optionalText(ctx.queryParam("min")),
                Forms.optionalText(ctx.queryParam("max")), Forms.optionalText(ctx.queryParam("sort")));
    }

    /** The column headers of this search, each a link to the list in its order with these filters. */
    AnchorSorting sorting() {
        return new AnchorSorting(sort, order -> "/anchors?" + filters() + "&sort=" + Console.encode(order));
    }

    /** What the search asks of the use case; a value that does not parse is refused with its field. */
    ListAnchors.Query listQuery() {
        return new ListAnchors.Query(Forms.choice(tier, Tier.class, "tier"), Forms.text(guild),
                Forms.integer(min, "min").orElse(Integer.MIN_VALUE), Forms.integer(max, "max").orElse(Integer.MAX_VALUE),
                Forms.text(text), sorting().order());
    }

    /** The filters, without the order: what a column header's link keeps. */
    String filters() {
        return "q=" + Console.encode(text) + "&tier=" + Console.encode(tier) + "&guild=" + Console.encode(guild)
                + "&min=" + Console.encode(min) + "&max=" + Console.encode(max);
    }

    /** The filters and the order: what a page's links and the export keep. */
    String query() {
        return filters() + "&sort=" + Console.encode(sort);
    }
}
