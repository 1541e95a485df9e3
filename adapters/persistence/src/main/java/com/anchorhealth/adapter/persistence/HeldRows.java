package com.anchorhealth.adapter.persistence;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The rows a locking read with SKIP LOCKED left out although they exist: another transaction holds
 * them. A plain read, which waits for no lock, tells them from the ids that name no row.
 */
final class HeldRows {
    private HeldRows() {
    }

    static Set<String> among(DSLContext dsl, Table<?> table, Field<String> key, Collection<String> asked,
                             Collection<String> locked) {
        List<String> unlocked = asked.stream().filter(id -> !locked.contains(id)).toList();
        if (unlocked.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(StoreErrors.translating(() -> dsl.select(key).from(table).where(key.in(unlocked)).fetch(key)));
    }
}
