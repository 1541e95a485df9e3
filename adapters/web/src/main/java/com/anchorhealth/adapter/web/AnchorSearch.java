package com.anchorhealth.adapter.web;

import com.anchorhealth.application.anchor.ListAnchors;
import com.anchorhealth.domain.vocabulary.Tier;
import io.javalin.http.Context;

/** The anchor search form's values as the visitor typed them: for the form, the next page's link and the export. */
public record AnchorSearch(String text, String tier, String guild, String min, String max) {
    static AnchorSearch of(Context ctx) {
        return new AnchorSearch(Forms.optionalText(ctx.queryParam("q")), Forms.optionalText(ctx.queryParam("tier")),
                Forms.optionalText(ctx.queryParam("guild")), Forms.optionalText(ctx.queryParam("min")),
                Forms.optionalText(ctx.queryParam("max")));
    }

    /** What the search asks of the use case; a value that does not parse is refused with its field. */
    ListAnchors.Query listQuery() {
        return new ListAnchors.Query(Forms.choice(tier, Tier.class, "tier"), Forms.text(guild),
                Forms.integer(min, "min").orElse(Integer.MIN_VALUE), Forms.integer(max, "max").orElse(Integer.MAX_VALUE),
                Forms.text(text));
    }

    String query() {
        return "q=" + Console.encode(text) + "&tier=" + Console.encode(tier) + "&guild=" + Console.encode(guild)
                + "&min=" + Console.encode(min) + "&max=" + Console.encode(max);
    }
}
