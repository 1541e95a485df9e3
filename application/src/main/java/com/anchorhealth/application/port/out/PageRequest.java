package com.anchorhealth.application.port.out;

import java.util.Objects;
import java.util.Optional;

/**
 * Keyset paging: up to {@code size} items whose key comes after {@code after}, in key order. The key
 * is the last item's key of the previous page, as the port returned it in {@link Page#nextAfter()}.
 */
public record PageRequest(int size, Optional<String> after) {
    public PageRequest {
        Objects.requireNonNull(after, "after");
        if (size < 1) {
            throw new IllegalArgumentException("page size must be positive");
        }
    }

    public static PageRequest first(int size) {
        return new PageRequest(size, Optional.empty());
    }
}
