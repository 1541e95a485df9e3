package com.anchorhealth.domain.vocabulary;

public enum Severity {
    MINOR,
    MODERATE,
    SERIOUS,
    SEVERE
}
