package com.anchorhealth.application.recovery;

import com.anchorhealth.application.anchor.AnchorView;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.standing.StandingReader;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.write.IdempotentWrites;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

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

    private final Anchors anchors;
    private final IdempotentWrites writes;
    private final ScoreRecovery recovery;
    private final StandingReader standings;
    private final Clock clock;

    @Inject
    public CompleteLearningTask(Anchors anchors, IdempotentWrites writes, ScoreRecovery recovery,
                                StandingReader standings, Clock clock) {
        this.anchors = anchors;
        this.writes = writes;
        this.recovery = recovery;
        this.standings = standings;
        this.clock = clock;
    }

    public AnchorView complete(LearningTaskCommand command, String actor, Deadline deadline) {
        String name = AnchorNames.anchor(command.anchorId());
        IdempotentWrites.Call call = new IdempotentWrites.Call(actor, OPERATION, command.requestId(),
                command.fingerprint());
        IdempotentWrites.Outcome<AnchorView> outcome = writes.writeAndTell(call, deadline, AnchorView.class,
                () -> anchors.lock(command.anchorId()), found -> {
            AnchorRecord locked = found.orElseThrow(() -> new NotFoundException("Anchor", name));
            Instant now = clock.instant();
            AnchorRecord credited = recovery.creditLearningTask(locked, command.taskId(), now, actor)
                    .map(after -> new AnchorRecord(after, locked.createdAt(), now)).orElse(locked);
            return new IdempotentWrites.Done<>(new AnchorView(credited, standings.current(credited, now)), name);
        }, resourceName -> {
            AnchorRecord record = anchors.find(command.anchorId()).orElseThrow();
            return new AnchorView(record, standings.current(record, clock.instant()));
        });
        if (outcome.firstTime()) {
            recovery.publish(outcome.result().record().anchor());
        }
        return outcome.result();
    }
}
