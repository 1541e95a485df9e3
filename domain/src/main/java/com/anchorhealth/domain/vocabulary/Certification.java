package com.anchorhealth.domain.vocabulary;

/** Expert and professional anchors start at the certified initial score. */
public enum Certification {
    NONE,
    EXPERT,
    PROFESSIONAL;

    public boolean isCertified() {
        return this != NONE;
    }
}
