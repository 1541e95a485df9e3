package com.anchorhealth.domain.appeal;

public enum AppealState {
    PENDING,
    UPHELD,
    OVERTURNED
}
