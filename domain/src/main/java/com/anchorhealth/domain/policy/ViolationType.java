package com.anchorhealth.domain.policy;

import com.anchorhealth.domain.vocabulary.Severity;

import java.util.Objects;

/** An entry of the violation catalog. */
public record ViolationType(String code, String displayName, Severity severity, boolean revokesSelling) {
    public ViolationType {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(severity, "severity");
    }
}
