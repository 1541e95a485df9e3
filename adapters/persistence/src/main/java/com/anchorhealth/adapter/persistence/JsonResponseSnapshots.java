package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.ResponseSnapshots;
import com.anchorhealth.application.port.out.policy.PolicyCodec;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Responses kept as JSON documents in their {@link ResponseForms form}: {@code form} names the kind,
 * {@code version} the form's version, and the other fields are written and read by the form's own
 * code, never by reflection on the response's class. A document without {@code form} was kept
 * before forms (version 0) and is read by the same code.
 */
public final class JsonResponseSnapshots implements ResponseSnapshots {
    private static final String FORM = "form";
    private static final String VERSION = "version";

    private final ObjectMapper mapper = new ObjectMapper();
    private final Map<Class<?>, ResponseForm<?>> forms;

    public JsonResponseSnapshots(PolicyCodec policies) {
        this.forms = ResponseForms.all(policies).stream()
                .collect(Collectors.toUnmodifiableMap(ResponseForm::type, Function.identity()));
    }

    @Override
    public String snapshot(Object response) {
        ResponseForm<Object> form = formOf(response.getClass());
        ObjectNode document = mapper.createObjectNode().put(FORM, form.kind()).put(VERSION, form.version());
        form.write().accept(response, document);
        return document.toString();
    }

    @Override
    public <T> T restore(String snapshot, Class<T> type) {
        ResponseForm<Object> form = formOf(type);
        JsonNode document;
        try {
            document = mapper.readTree(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept response is not JSON", e);
        }
        int version = 0;
        if (document.has(FORM)) {
            if (!document.get(FORM).asText().equals(form.kind())) {
                throw new IllegalStateException("a response kept as " + document.get(FORM).asText()
                        + " was asked for as " + form.kind());
            }
            version = document.path(VERSION).asInt();
        }
        return type.cast(form.read().apply(document, version));
    }

    @SuppressWarnings("unchecked")
    private ResponseForm<Object> formOf(Class<?> type) {
        ResponseForm<?> form = forms.get(type);
        if (form == null) {
            throw new IllegalArgumentException("no form keeps a response of type " + type.getName());
        }
        return (ResponseForm<Object>) form;
    }
}
