package com.anchorhealth.domain.appeal;

public enum AppealDecision {
    UPHOLD,
    OVERTURN
}
