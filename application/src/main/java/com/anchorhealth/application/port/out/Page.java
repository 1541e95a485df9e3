package com.anchorhealth.application.port.out;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/** One page of items, and the key to continue after, empty on the last page. */
public record Page<T>(List<T> items, Optional<String> nextAfter) {
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(nextAfter, "nextAfter");
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextAfter);
    }
}
