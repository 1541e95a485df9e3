package com.anchorhealth.application.port.out.anchor;

/**
 * The orders anchors are listed in. Ties go by anchor id, so that every order is total and a keyset
 * page token (which carries the sort key and the id) continues exactly where its page ended.
 */
public enum AnchorOrder {
    /** By anchor id: the order of ListAnchors over gRPC. */
    ID,
    /** By display name, as the store compares it (byte for byte), then id. */
    NAME,
    /** Lowest score first, then id. */
    SCORE_ASCENDING,
    /** Highest score first: the exact reverse of {@link #SCORE_ASCENDING}, so ties by id descending. */
    SCORE_DESCENDING
}
