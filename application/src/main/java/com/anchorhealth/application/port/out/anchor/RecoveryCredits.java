package com.anchorhealth.application.port.out.anchor;

import com.anchorhealth.domain.vocabulary.AnchorId;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** The recovery credits granted, beside the ledger entries they wrote: what the next credit counts from. */
public interface RecoveryCredits {
    enum Source { TIME, LEARNING_TASK }

    /**
     * One credit: its ledger entry, and for a time credit the end of the clean time it used (the next
     * one counts from there), for a learning credit the task.
     */
    record Credit(AnchorId anchorId, int ledgerSequence, Source source, Optional<Instant> cleanThrough,
                  Optional<String> taskId, Instant creditedAt) {
        public Credit {
            Objects.requireNonNull(anchorId, "anchorId");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(cleanThrough, "cleanThrough");
            Objects.requireNonNull(taskId, "taskId");
            Objects.requireNonNull(creditedAt, "creditedAt");
        }
    }

    void record(Credit credit);

    /** Where the anchor's last time credit's clean time ended, if it had one. */
    Optional<Instant> lastTimeCreditCleanThrough(AnchorId anchorId);

    /** When the anchor's last learning-task credit was granted, if ever. */
    Optional<Instant> lastLearningCredit(AnchorId anchorId);
}
