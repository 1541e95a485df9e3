package com.anchorhealth.adapter.web;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.list.PageRequest;
import io.javalin.http.Context;

import java.util.Optional;

/**
 * Where a list stands on its page, as the list's links carry it in the query: {@code after=KEY} (the
 * page after an item), {@code before=KEY} (the page before one) or {@code end=first|last}; none: the
 * list's own end (the start of a list, the newest page of a history). A page holding two lists gives
 * each a prefix ({@code ledger-after=…}) so that paging one keeps the other where it is.
 */
record ListPosition(String prefix, Optional<String> after, Optional<String> before, Optional<String> end) {
    static ListPosition of(Context ctx, String prefix) {
        Optional<String> end = Forms.text(ctx.queryParam(prefix + "end"));
        if (end.isPresent() && !end.get().equals("first") && !end.get().equals("last")) {
            throw InvalidRequestException.of(prefix + "end", "must be first or last");
        }
        return new ListPosition(prefix, Forms.text(ctx.queryParam(prefix + "after")),
                Forms.text(ctx.queryParam(prefix + "before")), end);
    }

    /** The page this position asks for; without one, the list's start or, {@code fromEnd}, its end. */
    PageRequest request(int size, boolean fromEnd) {
        if (after.isPresent()) {
            return new PageRequest(size, after);
        }
        if (before.isPresent()) {
            return PageRequest.before(size, before.get());
        }
        boolean last = end.map("last"::equals).orElse(fromEnd);
        return last ? PageRequest.last(size) : PageRequest.first(size);
    }

    /** The position as it came, for the links of another list on the same page; empty without one. */
    String query() {
        return after.map(key -> prefix + "after=" + Console.encode(key))
                .or(() -> before.map(key -> prefix + "before=" + Console.encode(key)))
                .or(() -> end.map(which -> prefix + "end=" + which))
                .orElse("");
    }
}
