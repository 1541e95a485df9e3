package com.anchorhealth.application.appeal;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Caller;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.FailedPreconditionException;
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
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.appeal.AppealRefusedException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * How filing and deciding an appeal write: through the one writer of anchor changes, once per
 * request key, under the anchor's lock, answering with the appeal and the anchor's standing the step
 * left; a retry answers as the first call did.
 */
@Singleton
final class AppealWrites {
    private final GroupCommit writes;
    private final ReadAppeals readAppeals;
    private final StandingChanges standingChanges;
    private final StandingReader standings;

    @Inject
    AppealWrites(GroupCommit writes, ReadAppeals readAppeals, StandingChanges standingChanges,
                 StandingReader standings) {
        this.writes = writes;
        this.readAppeals = readAppeals;
        this.standingChanges = standingChanges;
        this.standings = standings;
    }

    /** What a step did: the appeal as it left it, and the anchor's change when it overturned the violation. */
    record Stepped(Appeal appeal, Optional<Anchor.Change> overturn) {
    }

    /** A step on one appeal, given the anchor as locked (within the caller's guilds). */
    interface Step {
        Stepped apply(AnchorRecord locked, WriteTerms terms);

        /** The guilds the step may write, locked with the anchor. */
        default Set<String> guilds(AnchorRecord locked) {
            return Set.of();
        }

        /** Once the step has committed (never for a retry). */
        default void committed() {
        }
    }

    /**
     * Runs {@code step}, which writes the appeal of {@code violationId}, once under the anchor's lock. An
     * anchor outside the caller's guilds is not found.
     */
    CompletableFuture<AppealView> submit(AppealCommands.Command command, String operation, Caller caller,
                                         Deadline deadline, Step step) {
        return writes.submit(new AppealWrite(command, operation, caller, step), deadline);
    }

    /** An appeal rule's refusal is the caller's failed precondition, on the appeal {@code name}. */
    static Appeal refusedAsPrecondition(String name, Supplier<Appeal> rule) {
        try {
            return rule.get();
        } catch (AppealRefusedException e) {
            throw new FailedPreconditionException(e.type(), name, e.getMessage(), e.metadata());
        }
    }

    private final class AppealWrite extends KeyedChange<AppealView> {
        private final AppealCommands.Command key;
        private final Caller caller;
        private final Step step;

        AppealWrite(AppealCommands.Command key, String operation, Caller caller, Step step) {
            super(key.anchorId(), new IdempotentWrites.Call(caller.actor(), operation, key.requestId(),
                    key.fingerprint()), AppealView.class);
            this.key = key;
            this.caller = caller;
            this.step = step;
        }

        @Override
        public Set<String> guildsToLock(Optional<AnchorRecord> anchor, WriteTerms terms) {
            return anchor.map(step::guilds).orElse(Set.of());
        }

        @Override
        public Applied<AppealView> apply(Optional<AnchorRecord> anchor, WriteTerms terms) {
            AnchorRecord locked = ScopeChecks.seen(caller.scope(), key.anchorId(), anchor);
            Stepped stepped = step.apply(locked, terms);
            String name = AnchorNames.appeal(key.anchorId(), key.violationId());
            return stepped.overturn().map(change -> {
                AnchorRecord after = new AnchorRecord(change.after(), locked.createdAt(), terms.now());
                return Applied.ofChange(view(stepped.appeal(), after, terms), name, change,
                        standingChanges.changeOf(change, terms, ChangeCause.APPEAL_OVERTURNED,
                                Optional.of(key.violationId())));
            }).orElseGet(() -> Applied.answering(view(stepped.appeal(), locked, terms), name))
                    .then(step::committed);
        }

        @Override
        protected AppealView keptWithoutResponse(String resourceName) {
            return readAppeals.get(Scope.EVERY_GUILD, key.anchorId(), key.violationId());
        }

        private AppealView view(Appeal appeal, AnchorRecord anchor, WriteTerms terms) {
            return new AppealView(appeal, standings.current(anchor, terms.now()));
        }
    }
}
