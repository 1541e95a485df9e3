package com.anchorhealth.domain.appeal;

import java.util.Map;

/**
 * An appeal rule refuses the request; {@code type} names the rule and {@code metadata} the values the
 * description tells (when the violation was appealed, the window's days), both machine-readable.
 */
public final class AppealRefusedException extends RuntimeException {
    private final String type;
    private final Map<String, String> metadata;

    public AppealRefusedException(String type, String description, Map<String, String> metadata) {
        super(description);
        this.type = type;
        this.metadata = Map.copyOf(metadata);
    }

    public String type() {
        return type;
    }

    public Map<String, String> metadata() {
        return metadata;
    }
}
