package com.anchorhealth.adapter.web;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.port.out.anchor.AnchorOrder;

import java.util.Map;
import java.util.function.Function;

/**
 * The orders of a list of anchors as its links name them ({@code sort=id}, {@code name}, {@code score}
 * for the lowest first, {@code -score} for the highest), and its column headers: each a link to its
 * order, the score's to the other direction once sorted by it.
 */
public final class AnchorSorting {
    private static final Map<String, AnchorOrder> ORDERS = Map.of("id", AnchorOrder.ID, "name", AnchorOrder.NAME,
            "score", AnchorOrder.SCORE_ASCENDING, "-score", AnchorOrder.SCORE_DESCENDING);

    private final String sort;
    private final Function<String, String> href;

    /** {@code href}: the list's link with this {@code sort} value (and its filters, from its first page). */
    AnchorSorting(String sort, Function<String, String> href) {
        this.sort = sort.isEmpty() ? "id" : sort;
        this.href = href;
        order();
    }

    AnchorOrder order() {
        AnchorOrder order = ORDERS.get(sort);
        if (order == null) {
            throw InvalidRequestException.of("sort", "must be one of id, name, score, -score");
        }
        return order;
    }

    /** Where a column's header leads. */
    public String href(String column) {
        return href.apply(column.equals("score") && sort.equals("score") ? "-score" : column);
    }

    /** The header's {@code aria-sort}: how the list is sorted by that column, if it is. */
    public String aria(String column) {
        if (sort.equals(column)) {
            return "ascending";
        }
        return sort.equals("-" + column) ? "descending" : "none";
    }
}
