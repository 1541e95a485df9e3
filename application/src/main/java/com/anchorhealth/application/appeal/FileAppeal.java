package com.anchorhealth.application.appeal;

import com.anchorhealth.application.call.Caller;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.port.out.anchor.Violations;
import com.anchorhealth.application.port.out.appeal.Appeals;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.violation.RecordedViolation;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An anchor appeals one of its violations, once, within the window the policy in force sets; the
 * back office then decides it ({@link DecideAppeal}).
 */
@Singleton
public final class FileAppeal {
    static final String OPERATION = "FileAppeal";

    private final AppealWrites appealWrites;
    private final Violations violations;
    private final Appeals appeals;

    @Inject
    FileAppeal(AppealWrites appealWrites, Violations violations, Appeals appeals) {
        this.appealWrites = appealWrites;
        this.violations = violations;
        this.appeals = appeals;
    }

    /** Files for an anchor of the caller's guilds (a guild manager files for its anchors). */
    public CompletableFuture<AppealView> file(AppealCommands.File command, Caller caller, Deadline deadline) {
        String name = AnchorNames.appeal(command.anchorId(), command.violationId());
        return appealWrites.submit(command, OPERATION, caller, deadline, (locked, terms) -> {
            RecordedViolation violation = violations.find(command.anchorId(), command.violationId())
                    .orElseThrow(() -> new NotFoundException("Violation",
                            AnchorNames.violation(command.anchorId(), command.violationId())));
            Appeal filed = AppealWrites.refusedAsPrecondition(name, () -> Appeal.file(violation,
                    appeals.find(command.anchorId(), command.violationId()), terms.policy(), command.statement(),
                    terms.now(), caller.actor()));
            appeals.insert(filed);
            return new AppealWrites.Stepped(filed, Optional.empty());
        });
    }
}
