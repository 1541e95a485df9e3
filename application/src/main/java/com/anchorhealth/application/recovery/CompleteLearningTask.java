package com.anchorhealth.application.recovery;

import com.anchorhealth.application.anchor.AnchorView;
import com.anchorhealth.application.anchor.GetAnchor;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.standing.StandingReader;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.write.Applied;
import com.anchorhealth.application.write.GroupCommit;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.application.write.KeyedChange;
import com.anchorhealth.application.write.StandingChanges;
import com.anchorhealth.application.write.WriteTerms;
import com.anchorhealth.domain.anchor.Anchor;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Recovery by learning: a completed task is worth +1, at most once per the policy's interval, where
 * the policy grants it (FAILED_PRECONDITION otherwise). At the initial score it is worth nothing and
 * writes nothing. Idempotent on the request id.
 */
@Singleton
public final class CompleteLearningTask {
    /** The reasons of its refusals, machine-readable: the policy grants no credit, or not yet. */
    public static final String LEARNING_RECOVERY_OFF = "LEARNING_RECOVERY_OFF";
    public static final String LEARNING_CREDIT_TOO_SOON = "LEARNING_CREDIT_TOO_SOON";
    static final String OPERATION = "CompleteLearningTask";

    private final GroupCommit writes;
    private final GetAnchor getAnchor;
    private final ScoreRecovery recovery;
    private final StandingChanges standingChanges;
    private final StandingReader standings;

    @Inject
    public CompleteLearningTask(GroupCommit writes, GetAnchor getAnchor, ScoreRecovery recovery,
                                StandingChanges standingChanges, StandingReader standings) {
        this.writes = writes;
        this.getAnchor = getAnchor;
        this.recovery = recovery;
        this.standingChanges = standingChanges;
        this.standings = standings;
    }

    /** The anchor as the task left it, once committed. */
    public CompletableFuture<AnchorView> complete(LearningTaskCommand command, String actor, Deadline deadline) {
        return writes.submit(new LearningCredit(command, actor), deadline);
    }

    private final class LearningCredit extends KeyedChange<AnchorView> {
        private final LearningTaskCommand command;
        private final String actor;

        LearningCredit(LearningTaskCommand command, String actor) {
            super(command.anchorId(), new IdempotentWrites.Call(actor, OPERATION, command.requestId(),
                    command.fingerprint()), AnchorView.class);
            this.command = command;
            this.actor = actor;
        }

        @Override
        public Applied<AnchorView> apply(Optional<AnchorRecord> anchor, WriteTerms terms) {
            String name = AnchorNames.anchor(command.anchorId());
            AnchorRecord locked = anchor.orElseThrow(() -> new NotFoundException("Anchor", name));
            Optional<Anchor.Change> credit = recovery.creditLearningTask(locked, command.taskId(),
                    terms.policy().recovery(), terms.now(), actor);
            if (credit.isEmpty()) {
                return Applied.answering(AnchorView.at(locked, standings, terms.now()), name);
            }
            AnchorRecord credited = new AnchorRecord(credit.get().after(), locked.createdAt(), terms.now());
            return Applied.ofChange(AnchorView.at(credited, standings, terms.now()), name,
                    credit.get(), standingChanges.changeOf(credit.get(), terms, ChangeCause.RECOVERY,
                            Optional.empty()));
        }

        @Override
        protected AnchorView keptWithoutResponse(String resourceName) {
            return getAnchor.get(Scope.EVERY_GUILD, command.anchorId(), Optional.empty());
        }
    }
}
