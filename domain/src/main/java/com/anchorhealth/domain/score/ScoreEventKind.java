package com.anchorhealth.domain.score;

public enum ScoreEventKind {
    /** Opens the ledger; its delta is the initial score, which is also the ceiling. */
    INITIAL,
    DEDUCTION,
    RESTORATION,
    RECOVERY,
    ADJUSTMENT
}
