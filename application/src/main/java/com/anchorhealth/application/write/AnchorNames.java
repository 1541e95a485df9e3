package com.anchorhealth.application.write;

import com.anchorhealth.domain.vocabulary.AnchorId;

/** Resource names of the API, as remembered with idempotency keys and reported in errors. */
public final class AnchorNames {
    private AnchorNames() {
    }

    public static String anchor(AnchorId anchorId) {
        return "anchors/" + anchorId.value();
    }

    public static String violation(AnchorId anchorId, String violationId) {
        return anchor(anchorId) + "/violations/" + violationId;
    }

    /** An entry of the anchor's ledger, by its sequence. */
    public static String scoreEvent(AnchorId anchorId, int sequence) {
        return anchor(anchorId) + "/scoreEvents/" + sequence;
    }

    public static String guild(String guildId) {
        return "guilds/" + guildId;
    }

    /** A violation's appeal is a singleton: there is at most one. */
    public static String appeal(AnchorId anchorId, String violationId) {
        return violation(anchorId, violationId) + "/appeal";
    }
}
