package com.anchorhealth.application.appeal;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Caller;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.FailedPreconditionException;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.appeal.Appeals;
import com.anchorhealth.application.standing.StandingReader;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.appeal.AppealRefusedException;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * How filing and deciding an appeal write: once per request key, under the anchor's lock, answering
 * with the appeal and the anchor's standing the step left; a retry answers the same way.
 */
@Singleton
final class AppealWrites {
    private final IdempotentWrites writes;
    private final Anchors anchors;
    private final Appeals appeals;
    private final StandingReader standings;
    private final Clock clock;

    @Inject
    AppealWrites(IdempotentWrites writes, Anchors anchors, Appeals appeals, StandingReader standings, Clock clock) {
        this.writes = writes;
        this.anchors = anchors;
        this.appeals = appeals;
        this.standings = standings;
        this.clock = clock;
    }

    /**
     * Runs {@code step}, which writes the appeal of {@code violationId}, once under the anchor's lock;
     * the step is given the anchor as locked. An anchor outside the caller's guilds is not found.
     */
    IdempotentWrites.Outcome<AppealView> underAnchorLock(String requestId, String operation, String fingerprint,
                                                         AnchorId anchorId, String violationId, Caller caller,
                                                         Deadline deadline, Function<AnchorRecord, Appeal> step) {
        return writes.writeAndTell(new IdempotentWrites.Call(caller.actor(), operation, requestId, fingerprint),
                deadline, AppealView.class, () -> anchors.lock(anchorId), found -> {
            AnchorRecord locked = ScopeChecks.seen(caller.scope(), anchorId, found);
            return new IdempotentWrites.Done<>(view(step.apply(locked)), AnchorNames.appeal(anchorId, violationId));
        }, name -> view(appeals.find(anchorId, violationId).orElseThrow()));
    }

    /** An appeal rule's refusal is the caller's failed precondition, on the appeal {@code name}. */
    static Appeal refusedAsPrecondition(String name, Supplier<Appeal> rule) {
        try {
            return rule.get();
        } catch (AppealRefusedException e) {
            throw new FailedPreconditionException(e.type(), name, e.getMessage(), e.metadata());
        }
    }

    private AppealView view(Appeal appeal) {
        AnchorRecord record = anchors.find(appeal.violation().anchorId()).orElseThrow();
        return new AppealView(appeal, standings.current(record, clock.instant()));
    }
}
