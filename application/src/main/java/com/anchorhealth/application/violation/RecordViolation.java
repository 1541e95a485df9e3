package com.anchorhealth.application.violation;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.write.GroupCommit;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.concurrent.CompletableFuture;

/**
 * RecordViolation: a single call, written by the one writer of anchor changes in a group with the
 * calls that queue meanwhile, and answered once that group has committed.
 */
@Singleton
public final class RecordViolation {
    private final GroupCommit writes;
    private final ViolationWrites violations;

    @Inject
    public RecordViolation(GroupCommit writes, ViolationWrites violations) {
        this.writes = writes;
        this.violations = violations;
    }

    public CompletableFuture<ViolationView> record(RecordViolationCommand command, String actor, Deadline deadline) {
        return writes.submit(violations.of(command, actor), deadline);
    }
}
