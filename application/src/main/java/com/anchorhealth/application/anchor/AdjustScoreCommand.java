package com.anchorhealth.application.anchor;

import com.anchorhealth.application.error.FieldChecks;
import com.anchorhealth.application.write.Fingerprint;
import com.anchorhealth.domain.score.ScoreAdjustment;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.Objects;

/** An admin corrects an anchor's score by hand; valid by construction. */
public record AdjustScoreCommand(String requestId, AnchorId anchorId, ScoreAdjustment adjustment) {
    public AdjustScoreCommand {
        Objects.requireNonNull(anchorId, "anchorId");
        Objects.requireNonNull(adjustment, "adjustment");
    }

    /** Every bad field at once, named as in the API ({@code delta}, {@code reason}). */
    public static AdjustScoreCommand of(String requestId, AnchorId anchorId, int delta, String reason) {
        new FieldChecks().requestId(requestId, "request_id")
                .check(ScoreAdjustment.isValidDelta(delta), "delta", ScoreAdjustment.DELTA_RULE)
                .check(ScoreAdjustment.isValidReason(reason), "reason", ScoreAdjustment.REASON_RULE)
                .throwIfAny();
        return new AdjustScoreCommand(requestId, anchorId, new ScoreAdjustment(delta, reason));
    }

    public String fingerprint() {
        return Fingerprint.of(AdjustScore.OPERATION, anchorId.value(), adjustment.delta(), adjustment.reason());
    }
}
