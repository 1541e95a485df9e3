package com.anchorhealth.domain.policy;

public enum Severity {
    MINOR,
    MODERATE,
    SERIOUS,
    SEVERE
}
