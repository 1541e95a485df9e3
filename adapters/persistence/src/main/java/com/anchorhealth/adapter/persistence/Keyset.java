package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.SortField;
import org.jooq.Table;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Keyset pages of a list ordered by {@code columns}, all ascending or all descending, the last of
 * them unique (ties go by it). A page is read forward (after a key, or from the start) or backward
 * (before a key, or from the end) with the order reversed, in both cases along one index that leads
 * with the same columns; a query fetches one row more than asked, which says whether another page
 * lies that way. The condition of a key is {@code c1 >= v1 AND (c1 > v1 OR (c2 >= v2 AND …))}: the
 * same rows as a row comparison, in a form whose leading range every engine's optimizer reads as one.
 */
final class Keyset {
    private final List<Field<?>> columns;
    private final boolean descending;

    private Keyset(List<Field<?>> columns, boolean descending) {
        this.columns = List.copyOf(columns);
        this.descending = descending;
    }

    static Keyset ascending(Field<?>... columns) {
        return new Keyset(List.of(columns), false);
    }

    static Keyset descending(Field<?>... columns) {
        return new Keyset(List.of(columns), true);
    }

    /**
     * Reads the page: {@code fetch} runs the list's query with the seek condition and the order it is
     * given, limited to one row more than the page.
     */
    <T> Page<T> read(PageRequest request, Function<String, List<?>> parseKey,
                     BiFunction<Condition, List<SortField<?>>, List<T>> fetch, Function<T, String> keyOf) {
        return Page.ofRead(request, fetch.apply(seek(request, parseKey), orderBy(request.backward())), keyOf);
    }

    /** The rows of the page's way from its key: those after it forward, before it backward; all without one. */
    Condition seek(PageRequest request, Function<String, List<?>> parseKey) {
        return request.key()
                .map(key -> parsed(key, parseKey))
                .map(values -> request.backward() ? before(values) : after(values))
                .orElse(DSL.noCondition());
    }

    /**
     * The rows of {@code table} that {@code where} holds, counted in one statement, and among them those
     * before the key {@code before} (none without one).
     */
    ListCount count(DSLContext dsl, Table<?> table, Condition where, Optional<String> before,
                    Function<String, List<?>> parseKey) {
        if (before.isEmpty()) {
            return new ListCount(dsl.fetchCount(table, where), 0);
        }
        Condition ahead = before(parsed(before.get(), parseKey));
        Record2<Integer, Integer> counts = dsl.select(DSL.count(), DSL.count().filterWhere(ahead)).from(table)
                .where(where).fetchOne();
        return new ListCount(counts.value1(), counts.value2());
    }

    /** Rows after the key in the list's order. */
    Condition after(List<?> key) {
        return beyond(key, 0, !descending);
    }

    /** Rows before the key in the list's order. */
    Condition before(List<?> key) {
        return beyond(key, 0, descending);
    }

    /** The order to read in: the list's, or its reverse for a backward read. */
    List<SortField<?>> orderBy(boolean backward) {
        boolean down = descending != backward;
        return columns.stream().<SortField<?>>map(column -> down ? column.desc() : column.asc()).toList();
    }

    /** {@code columns[i..]} beyond {@code key[i..]}, upward (greater) or downward (less). */
    @SuppressWarnings("unchecked")
    private Condition beyond(List<?> key, int i, boolean upward) {
        if (key.size() != columns.size()) {
            throw new IllegalArgumentException(key.size() + " values for a key of " + columns.size() + " columns");
        }
        Field<Object> column = (Field<Object>) columns.get(i);
        Field<Object> value = DSL.val(key.get(i), column);
        Condition strictly = upward ? column.gt(value) : column.lt(value);
        if (i == columns.size() - 1) {
            return strictly;
        }
        return (upward ? column.ge(value) : column.le(value)).and(strictly.or(beyond(key, i + 1, upward)));
    }

    /**
     * What {@code parse} makes of a page's key; a key this list never gave (another list's, or made
     * up) is the caller's error, not the store's.
     */
    static <T> T parsed(String key, Function<String, T> parse) {
        try {
            return parse.apply(key);
        } catch (RuntimeException notOurs) {
            throw InvalidRequestException.of("page_token", "is not a page token of this list");
        }
    }
}
