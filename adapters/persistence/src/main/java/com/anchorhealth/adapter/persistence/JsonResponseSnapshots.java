package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.PolicyCodec;
import com.anchorhealth.application.port.out.ResponseSnapshots;
import com.anchorhealth.domain.policy.Policy;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;

/**
 * Responses as JSON of their record components, read back through the records' canonical
 * constructors (so a kept response passes the same checks as a new one). Only components are kept:
 * a record's derived methods are not state. A policy is kept in its published document form, as
 * policy versions are.
 */
public final class JsonResponseSnapshots implements ResponseSnapshots {
    private final ObjectMapper mapper;

    public JsonResponseSnapshots(PolicyCodec policies) {
        SimpleModule policyDocuments = new SimpleModule()
                .addSerializer(Policy.class, new StdSerializer<>(Policy.class) {
                    @Override
                    public void serialize(Policy policy, JsonGenerator out, SerializerProvider provider)
                            throws IOException {
                        out.writeString(policies.encode(policy));
                    }
                })
                .addDeserializer(Policy.class, new StdDeserializer<>(Policy.class) {
                    @Override
                    public Policy deserialize(JsonParser in, DeserializationContext context) throws IOException {
                        return policies.decode(in.getValueAsString());
                    }
                });
        this.mapper = JsonMapper.builder()
                .addModule(new Jdk8Module())
                .addModule(new JavaTimeModule())
                .addModule(policyDocuments)
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    @Override
    public String snapshot(Object response) {
        try {
            return mapper.writeValueAsString(response);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot keep a response of type " + response.getClass().getName(), e);
        }
    }

    @Override
    public <T> T restore(String snapshot, Class<T> type) {
        try {
            return mapper.readValue(snapshot, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a kept response as " + type.getName(), e);
        }
    }
}
