package com.anchorhealth.adapter.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The values of a kept response's fields, read and written one by one. An optional value is written
 * as {@code null} when empty and read as empty when {@code null} or missing; a required one that is
 * missing fails the read with its name.
 */
final class FormFields {
    private FormFields() {
    }

    static JsonNode object(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isObject()) {
            throw missing(field);
        }
        return value;
    }

    static String text(JsonNode node, String field) {
        return optionalText(node, field).orElseThrow(() -> missing(field));
    }

    static Optional<String> optionalText(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    static int integer(JsonNode node, String field) {
        return Math.toIntExact(number(node, field));
    }

    static long number(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isIntegralNumber()) {
            throw missing(field);
        }
        return value.asLong();
    }

    static boolean flag(JsonNode node, String field) {
        JsonNode value = node.path(field);
        if (!value.isBoolean()) {
            throw missing(field);
        }
        return value.asBoolean();
    }

    static Instant instant(JsonNode node, String field) {
        return Instant.parse(text(node, field));
    }

    static Optional<Instant> optionalInstant(JsonNode node, String field) {
        return optionalText(node, field).map(Instant::parse);
    }

    static <E extends Enum<E>> E constant(JsonNode node, String field, Class<E> type) {
        return Enum.valueOf(type, text(node, field));
    }

    static <E extends Enum<E>> Optional<E> optionalConstant(JsonNode node, String field, Class<E> type) {
        return optionalText(node, field).map(name -> Enum.valueOf(type, name));
    }

    static List<String> texts(JsonNode node, String field) {
        List<String> values = new ArrayList<>();
        node.path(field).forEach(value -> values.add(value.asText()));
        return values;
    }

    static void putOptional(ObjectNode node, String field, Optional<String> value) {
        if (value.isPresent()) {
            node.put(field, value.get());
        } else {
            node.putNull(field);
        }
    }

    static void putTexts(ObjectNode node, String field, Iterable<String> values) {
        ArrayNode array = node.putArray(field);
        values.forEach(array::add);
    }

    private static IllegalStateException missing(String field) {
        return new IllegalStateException("a kept response has no valid '" + field + "'");
    }
}
