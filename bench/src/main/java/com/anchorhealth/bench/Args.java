package com.anchorhealth.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} flags of a benchmark command, with defaults. */
public final class Args {
    private final Map<String, String> values = new HashMap<>();

    public Args(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            int equals = name.indexOf('=');
            if (equals >= 0) {
                values.put(name.substring(0, equals), name.substring(equals + 1));
            } else if (i + 1 < args.size()) {
                values.put(name, args.get(++i));
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
        }
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    public int integer(String name, int fallback) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name).replace("_", "")) : fallback;
    }

    public double number(String name, double fallback) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : fallback;
    }

    /** A comma-separated list of integers, such as {@code --concurrency 1,16,64}. */
    public List<Integer> integers(String name, String fallback) {
        List<Integer> list = new ArrayList<>();
        for (String part : values.getOrDefault(name, fallback).split(",")) {
            list.add(Integer.parseInt(part.trim().replace("_", "")));
        }
        return list;
    }
}
