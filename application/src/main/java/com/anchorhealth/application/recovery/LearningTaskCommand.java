package com.anchorhealth.application.recovery;

import com.anchorhealth.application.error.FieldChecks;
import com.anchorhealth.application.write.Fingerprint;
import com.anchorhealth.domain.vocabulary.AnchorId;

/** An anchor completed a learning task; valid by construction. */
public record LearningTaskCommand(String requestId, AnchorId anchorId, String taskId) {
    public static final int MAX_TASK_ID_LENGTH = 128;

    public static LearningTaskCommand of(String requestId, String anchorId, String taskId) {
        new FieldChecks().requestId(requestId, "request_id")
                .check(AnchorId.isValid(anchorId), "anchor_id", "must be 1-64 characters of [A-Za-z0-9._-]")
                .check(FieldChecks.isPrintable(taskId, MAX_TASK_ID_LENGTH), "task_id",
                        "must be 1-" + MAX_TASK_ID_LENGTH + " printable ASCII characters")
                .throwIfAny();
        return new LearningTaskCommand(requestId, new AnchorId(anchorId), taskId);
    }

    public String fingerprint() {
        return Fingerprint.of("CompleteLearningTask", anchorId.value(), taskId);
    }
}
