package com.anchorhealth.adapter.persistence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * How one kind of kept response is written and read, by code that names every field (never by
 * reflection on the response's class), so that a class can change while its kept responses still
 * answer. {@code read} takes the document's version: 0 for a document kept before forms (it has no
 * {@code form}), up to this form's own; a document of a newer version is read by the fields this
 * one knows, since a version only ever adds fields.
 */
record ResponseForm<T>(String kind, int version, Class<T> type, BiConsumer<T, ObjectNode> write,
                       BiFunction<JsonNode, Integer, T> read) {
}
