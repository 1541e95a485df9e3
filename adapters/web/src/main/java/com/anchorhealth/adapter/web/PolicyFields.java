package com.anchorhealth.adapter.web;

import com.anchorhealth.domain.policy.DeductionMatrix;
import com.anchorhealth.domain.policy.Policy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A policy as a flat list of fields ({@code thresholds.restricted_below = 40}, named as the API names
 * them), read from the policy value itself, so that a field added to the policy shows in every
 * difference without a change here; {@link PolicyWords} says them in words.
 */
public final class PolicyFields {
    private PolicyFields() {
    }

    /** One field whose value differs between two versions; a side without the field shows "—". */
    public record Difference(String field, String before, String after) {
    }

    static List<Difference> differences(Policy before, Policy after) {
        Map<String, String> from = flatten(before);
        Map<String, String> to = flatten(after);
        Set<String> fields = new LinkedHashSet<>(from.keySet());
        fields.addAll(to.keySet());
        List<Difference> differences = new ArrayList<>();
        for (String field : fields) {
            String was = from.getOrDefault(field, "—");
            String is = to.getOrDefault(field, "—");
            if (!was.equals(is)) {
                differences.add(new Difference(field, was, is));
            }
        }
        return differences;
    }

    /** Every field but the version and its effective instant, which always differ. */
    static Map<String, String> flatten(Policy policy) {
        Map<String, String> fields = new LinkedHashMap<>();
        add(fields, "", policy.withVersion(0, Instant.EPOCH));
        fields.remove("version");
        fields.remove("effective_at");
        return fields;
    }

    private static void add(Map<String, String> fields, String path, Object value) {
        if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                add(fields, join(path, snakeCase(component.getName())), read(component, record));
            }
        } else if (value instanceof DeductionMatrix matrix) {
            add(fields, path, matrix.rows());
        } else if (value instanceof Map<?, ?> map) {
            new TreeMap<>(map).forEach((key, item) -> add(fields, join(path, String.valueOf(key)), item));
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                add(fields, path + "[" + i + "]", list.get(i));
            }
        } else if (value instanceof Collection<?> set) {
            fields.put(path, set.stream().map(String::valueOf).sorted().toList().toString());
        } else {
            fields.put(path, String.valueOf(value));
        }
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("a policy's record component reads: " + component, e);
        }
    }

    /** {@code restrictedBelow}: {@code restricted_below}. */
    private static String snakeCase(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
