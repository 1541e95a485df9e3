package com.anchorhealth.adapter.web;

import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.list.PageRequest;

import java.util.Arrays;
import java.util.Optional;

/**
 * Values read from a query or a form: absent and blank are the same, and a value that does not parse
 * is refused with the field's name, as the application refuses a bad field.
 */
final class Forms {
    static final int PAGE_SIZE = 25;

    private Forms() {
    }

    static Optional<String> text(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** Text that may be empty (a note), never null. */
    static String optionalText(String value) {
        return value == null ? "" : value.strip();
    }

    static Optional<Integer> integer(String value, String field) {
        return text(value).map(text -> {
            try {
                return Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw InvalidRequestException.of(field, "must be a whole number");
            }
        });
    }

    static int requiredInteger(String value, String field) {
        return integer(value, field).orElseThrow(() -> InvalidRequestException.of(field, "is required"));
    }

    static <E extends Enum<E>> Optional<E> choice(String value, Class<E> type, String field) {
        return text(value).map(text -> Arrays.stream(type.getEnumConstants())
                .filter(constant -> constant.name().equals(text)).findFirst()
                .orElseThrow(() -> InvalidRequestException.of(field, "must be one of "
                        + Arrays.toString(type.getEnumConstants()))));
    }

    /** The page after a key (keyset paging, as the store pages). */
    static PageRequest page(String after) {
        return new PageRequest(PAGE_SIZE, text(after));
    }
}
